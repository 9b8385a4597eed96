package jollama.engine.generate;

import jollama.engine.tokenizer.TokenType;
import jollama.engine.tokenizer.Tokenizer;
import jollama.engine.tokenizer.Vocabulary;

import java.util.BitSet;
import java.util.Set;

/**
 * The tokens that end a generation: EOS, plus the control tokens that close a turn in the chat
 * formats of the families jollama knows (as llama.cpp collects its end-of-generation set).
 */
public final class EndOfGeneration {

    private static final Set<String> END_OF_TURN = Set.of(
            "<|im_end|>", "<|endoftext|>", "<|eot_id|>", "<|eom_id|>", "<end_of_turn>", "<|end|>",
            "<|return|>", "<|call|>", "<EOT>", "</s>", "<|end_of_text|>");

    private final BitSet ids = new BitSet();

    public EndOfGeneration(Tokenizer tokenizer) {
        if (tokenizer.eosId() >= 0) {
            ids.set(tokenizer.eosId());
        }
        Vocabulary vocab = tokenizer.vocabulary();
        for (int id = 0; id < vocab.size(); id++) {
            if (vocab.type(id) == TokenType.CONTROL && END_OF_TURN.contains(vocab.text(id))) {
                ids.set(id);
            }
        }
    }

    public boolean contains(int id) {
        return ids.get(id);
    }
}
