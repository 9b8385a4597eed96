package jollama.server.cli;

import java.io.PrintStream;

/** The help texts of the interactive chat ({@code /?}), worded as Ollama's, listing what jollama supports. */
final class Help {

    private Help() {
    }

    /** @param topic "" for the overview, else "set", "show" or "parameters" */
    static void print(String topic, PrintStream to) {
        switch (topic.replaceFirst("^/", "")) {
            case "set" -> to.print("""
                    Available Commands:
                      /set parameter ...     Set a parameter
                      /set system <string>   Set system message
                      /set verbose           Show LLM stats
                      /set quiet             Disable LLM stats
                      /set think             Enable thinking
                      /set nothink           Disable thinking

                    """);
            case "show" -> to.print("""
                    Available Commands:
                      /show info         Show details for this model
                      /show parameters   Show parameters for this model
                      /show system       Show system message
                      /show template     Show prompt template

                    """);
            case "parameters" -> to.print("""
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

                    """);
            default -> to.print("""
                    Available Commands:
                      /set            Set session variables
                      /show           Show model information
                      /clear          Clear session context
                      /bye            Exit
                      /?, /help       Help for a command

                    Use \"\"\" to begin a multi-line message.

                    """);
        }
        to.flush();
    }
}
