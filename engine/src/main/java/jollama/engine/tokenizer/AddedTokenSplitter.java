package jollama.engine.tokenizer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Cuts added tokens (control and user-defined) out of a text before pre-tokenization, leaving the
 * text between them for BPE. Follows llama.cpp's {@code tokenizer_st_partition}: tokens are tried
 * longest text first, each over every stretch of plain text still left, left to right. User-defined
 * tokens ({@code <think>}) are always cut out; control tokens ({@code <|im_end|>}) only when the caller
 * asks for special parsing, otherwise they are tokenized as the plain text they are spelled with.
 */
final class AddedTokenSplitter {

    /** A stretch of the text: plain text for BPE, or one added token. */
    sealed interface Fragment {
        record Text(String text) implements Fragment {
        }

        record AddedToken(int id) implements Fragment {
        }
    }

    private final int[] ids;
    private final String[] texts;
    private final boolean[] needsSpecialParsing;

    AddedTokenSplitter(Vocabulary vocabulary) {
        int[] added = IntStream.range(0, vocabulary.size())
                .filter(id -> vocabulary.type(id).isAddedToken() && !vocabulary.text(id).isEmpty())
                .boxed()
                .sorted(Comparator.comparingInt((Integer id) -> -vocabulary.text(id).length())
                        .thenComparingInt(id -> id))
                .mapToInt(Integer::intValue)
                .toArray();
        ids = added;
        texts = new String[added.length];
        needsSpecialParsing = new boolean[added.length];
        for (int i = 0; i < added.length; i++) {
            texts[i] = vocabulary.text(added[i]);
            needsSpecialParsing[i] = vocabulary.type(added[i]).needsSpecialParsing();
        }
    }

    List<Fragment> split(String text, boolean parseSpecial) {
        List<Fragment> fragments = List.of(new Fragment.Text(text));
        for (int t = 0; t < ids.length; t++) {
            if (needsSpecialParsing[t] && !parseSpecial) {
                continue;
            }
            // Every plain stretch is a substring of the text: a token absent from it is absent from all.
            if (text.contains(texts[t])) {
                fragments = cutOut(fragments, texts[t], ids[t]);
            }
        }
        return fragments;
    }

    private static List<Fragment> cutOut(List<Fragment> fragments, String tokenText, int tokenId) {
        List<Fragment> result = new ArrayList<>(fragments.size() + 2);
        for (Fragment fragment : fragments) {
            if (!(fragment instanceof Fragment.Text(String plain))) {
                result.add(fragment);
                continue;
            }
            int from = 0;
            for (int at = plain.indexOf(tokenText); at >= 0; at = plain.indexOf(tokenText, from)) {
                if (at > from) {
                    result.add(new Fragment.Text(plain.substring(from, at)));
                }
                result.add(new Fragment.AddedToken(tokenId));
                from = at + tokenText.length();
            }
            if (from < plain.length()) {
                result.add(from == 0 ? fragment : new Fragment.Text(plain.substring(from)));
            }
        }
        return result;
    }
}
