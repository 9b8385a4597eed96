package jollama.server.http;

import jollama.engine.Model;
import jollama.engine.parse.GenericOutputParser;
import jollama.engine.parse.OutputParser;
import jollama.engine.parse.Qwen3OutputParser;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Picks how a reply's raw text is split into content, thinking and tool calls (§6.3, §6.4):
 * Qwen3 models rendered with their chat template get the Qwen3 parser, everything else passes
 * through as content.
 */
final class ReplyParsers {

    private static final String THINK_OPEN = "<think>";

    private ReplyParsers() {
    }

    /**
     * @param templated whether the prompt came from the model's chat template (not raw text)
     * @param think     the request's think value (null when left out)
     */
    static OutputParser forReply(Model model, PromptBuilder.Prompt prompt, boolean templated, Boolean think) {
        if (!templated || !model.info().architecture().equals("qwen3") || !model.info().hasChatTemplate()) {
            return GenericOutputParser.passthrough();
        }
        Qwen3OutputParser.Start start;
        if (Boolean.FALSE.equals(think)) {
            start = Qwen3OutputParser.Start.CONTENT;
        } else if (prompt.text().stripTrailing().endsWith(THINK_OPEN)) {
            start = Qwen3OutputParser.Start.THINKING;
        } else {
            start = Qwen3OutputParser.Start.DETECT; // the model opens <think> itself when it thinks
        }
        return new Qwen3OutputParser(start, ThreadLocalRandom.current());
    }
}
