package jollama.server.cli;

import jollama.engine.Model;
import jollama.engine.ModelSettings;

import java.io.IOException;

/** Opens the model a command runs, with the load-time settings the options ask for. */
@FunctionalInterface
interface ModelLoader {
    Model load(ModelSettings settings) throws IOException;
}
