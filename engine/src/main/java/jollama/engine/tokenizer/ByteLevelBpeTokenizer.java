package jollama.engine.tokenizer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * GGUF's "gpt2" tokenizer model: byte-level BPE over the pieces of a regex pre-tokenizer, with added
 * tokens cut out first. Reproduces llama.cpp's {@code llm_tokenizer_bpe}.
 */
public final class ByteLevelBpeTokenizer implements Tokenizer {

    private final Vocabulary vocabulary;
    private final PreTokenizer preTokenizer;
    private final AddedTokenSplitter addedTokens;
    private final BpeWordEncoder wordEncoder;
    private final ByteLevelAlphabet alphabet = new ByteLevelAlphabet();
    private final int bosId;
    private final int eosId;
    private final boolean addBos;
    private final boolean addEos;

    ByteLevelBpeTokenizer(TokenizerSpec spec, PreTokenizer preTokenizer) {
        this.vocabulary = new Vocabulary(spec.tokens(), spec.tokenTypes());
        this.preTokenizer = preTokenizer;
        this.addedTokens = new AddedTokenSplitter(vocabulary);
        this.wordEncoder = new BpeWordEncoder(new MergeTable(spec.merges(), vocabulary), byteTokenIds());
        this.bosId = spec.bosId();
        this.eosId = spec.eosId();
        this.addBos = spec.addBos();
        this.addEos = spec.addEos();
    }

    /** The single-byte tokens every pre-token starts from; a byte-level vocabulary has all 256. */
    private int[] byteTokenIds() {
        int[] ids = new int[256];
        for (int b = 0; b < 256; b++) {
            ids[b] = vocabulary.id(String.valueOf(alphabet.charOf(b)));
            if (ids[b] == Vocabulary.NOT_FOUND) {
                throw new IllegalArgumentException(String.format(
                        "byte-level BPE vocabulary lacks the token for byte 0x%02X ('%c')", b, alphabet.charOf(b)));
            }
        }
        return ids;
    }

    @Override
    public int[] encode(String text, boolean addSpecial, boolean parseSpecial) {
        TokenIdList out = new TokenIdList();
        if (addSpecial && addBos) {
            out.add(bosId);
        }
        for (AddedTokenSplitter.Fragment fragment : addedTokens.split(text, parseSpecial)) {
            switch (fragment) {
                case AddedTokenSplitter.Fragment.Text(String plain) -> preTokenizer.split(plain,
                        piece -> wordEncoder.encode(piece.getBytes(StandardCharsets.UTF_8), out));
                case AddedTokenSplitter.Fragment.AddedToken(int id) -> out.add(id);
            }
        }
        if (addSpecial && addEos) {
            out.add(eosId);
        }
        return out.toArray();
    }

    @Override
    public byte[] tokenBytes(int id) {
        String text = vocabulary.text(id);
        return switch (vocabulary.type(id)) {
            case NORMAL -> alphabetToBytes(text);
            case CONTROL, USER_DEFINED, UNKNOWN -> text.getBytes(StandardCharsets.UTF_8);
            case UNUSED, UNDEFINED, BYTE -> new byte[0];
        };
    }

    private byte[] alphabetToBytes(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            int b = alphabet.byteOf(text.charAt(i));
            if (b >= 0) {
                bytes.write(b);
            } else {
                // Not in the byte-level alphabet (a malformed vocabulary): keep the character itself.
                int cp = text.codePointAt(i);
                bytes.writeBytes(Character.toString(cp).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(cp) - 1;
            }
        }
        return bytes.toByteArray();
    }

    @Override
    public byte[] decodeBytes(int[] ids) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(ids.length * 4);
        for (int id : ids) {
            bytes.writeBytes(tokenBytes(id));
        }
        return bytes.toByteArray();
    }

    @Override
    public Vocabulary vocabulary() {
        return vocabulary;
    }

    @Override
    public int bosId() {
        return bosId;
    }

    @Override
    public int eosId() {
        return eosId;
    }
}
