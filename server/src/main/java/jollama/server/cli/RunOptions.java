package jollama.server.cli;

import jollama.engine.sampling.GenerationOptions;

import java.util.Map;

/**
 * How {@code jollama run} was asked to answer.
 *
 * @param parameters   options given on the command line (--parameter), over Ollama's defaults
 * @param think        null for the model's default, else --think / --nothink
 * @param hideThinking --hidethinking
 * @param verbose      --verbose: the timing block after each answer
 */
record RunOptions(Map<String, Object> parameters, Boolean think, boolean hideThinking, boolean verbose) {

    RunOptions {
        parameters = Map.copyOf(parameters);
    }

    GenerationOptions generationOptions() {
        return GenerationOptions.defaults().withOverrides(parameters);
    }
}
