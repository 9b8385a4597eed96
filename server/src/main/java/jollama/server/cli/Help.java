package jollama.server.cli;

import java.io.PrintStream;

/** The help texts of the interactive chat ({@code /?}), worded as Ollama's, listing what jollama supports. */
final class Help {

    private Help() {
    }

    /**
     * {@code /? TOPIC}: "" for the overview, else {@code set}, {@code show}, {@code shortcuts} (or
     * {@code shortcut}) or {@code parameters}, with or without the slash. Returns false, printing
     * nothing, for any other topic, as Ollama prints nothing then.
     */
    static boolean print(String topic, PrintStream to) {
        String text = switch (topic.replaceFirst("^/", "")) {
            case "" -> """
                    Available Commands:
                      /set            Set session variables
                      /show           Show model information
                      /load <model>   Load a session or model
                      /save <model>   Save your current session
                      /clear          Clear session context
                      /bye            Exit
                      /?, /help       Help for a command
                      /? shortcuts    Help for keyboard shortcuts

                    Use \"\"\" to begin a multi-line message.

                    """;
            case "set" -> """
                    Available Commands:
                      /set parameter ...     Set a parameter
                      /set system <string>   Set system message
                      /set history           Enable history
                      /set nohistory         Disable history
                      /set wordwrap          Enable wordwrap
                      /set nowordwrap        Disable wordwrap
                      /set format json       Enable JSON mode
                      /set noformat          Disable formatting
                      /set verbose           Show LLM stats
                      /set quiet             Disable LLM stats
                      /set think             Enable thinking
                      /set nothink           Disable thinking

                    """;
            case "show" -> """
                    Available Commands:
                      /show info         Show details for this model
                      /show license      Show model license
                      /show modelfile    Show Modelfile for this model
                      /show parameters   Show parameters for this model
                      /show system       Show system message
                      /show template     Show prompt template

                    """;
            // Line editing is the terminal's own (cooked mode, see ChatSession): only the keys
            // that work there are listed, with a word on the ones Ollama's editor adds.
            case "shortcuts", "shortcut" -> """
                    Available keyboard shortcuts:
                      Ctrl + u            Delete the sentence before the cursor
                      Ctrl + w            Delete the word before the cursor

                      Ctrl + c            Stop the model from responding
                      Ctrl + d            Exit jollama (/bye)

                    Line editing is the terminal's own: Ctrl + a/e/k/l/g and Alt + b/f are not available.

                    """;
            case "parameters" -> """
                    Available Parameters:
                      /set parameter seed <int>             Random number seed
                      /set parameter num_predict <int>      Max number of tokens to predict
                      /set parameter top_k <int>            Pick from top k num of tokens
                      /set parameter top_p <float>          Pick token based on sum of probabilities
                      /set parameter min_p <float>          Pick token based on top token probability * min_p
                      /set parameter num_ctx <int>          Set the context size
                      /set parameter temperature <float>    Set creativity level
                      /set parameter repeat_penalty <float> How strongly to penalize repetitions
                      /set parameter repeat_last_n <int>    Set how far back to look for repetitions
                      /set parameter stop <string> <string> ...   Set the stop parameters

                    """;
            default -> null;
        };
        if (text == null) {
            return false;
        }
        to.print(text);
        to.flush();
        return true;
    }
}
