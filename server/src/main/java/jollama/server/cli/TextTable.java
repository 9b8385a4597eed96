package jollama.server.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The borderless tables of Ollama's CLI (tablewriter with no white space and a padding of four
 * spaces): every cell left-aligned and padded to its column's width, each followed by four
 * spaces, the last one too. Cells longer than the wrap width break at spaces onto more lines.
 */
final class TextTable {

    /** tablewriter's default column width, past which text with spaces is wrapped. */
    static final int DEFAULT_WRAP = 30;
    private static final String PADDING = "    ";

    private TextTable() {
    }

    /**
     * @param header null for none
     * @param rows   rows of cells; shorter rows are filled with empty cells
     */
    static void print(PrintStream out, List<String> header, List<List<String>> rows, int wrapWidth) {
        List<List<List<String>>> table = new ArrayList<>();
        if (header != null) {
            table.add(header.stream().map(List::of).toList());
        }
        for (List<String> row : rows) {
            table.add(row.stream().map(cell -> wrap(cell, wrapWidth)).toList());
        }
        int columns = table.stream().mapToInt(List::size).max().orElse(0);
        int[] widths = new int[columns];
        for (List<List<String>> row : table) {
            for (int c = 0; c < row.size(); c++) {
                for (String line : row.get(c)) {
                    widths[c] = Math.max(widths[c], width(line));
                }
            }
        }
        StringBuilder sb = new StringBuilder();
        for (List<List<String>> row : table) {
            int height = row.stream().mapToInt(List::size).max().orElse(1);
            for (int l = 0; l < height; l++) {
                for (int c = 0; c < columns; c++) {
                    List<String> cell = c < row.size() ? row.get(c) : List.of();
                    String text = l < cell.size() ? cell.get(l) : "";
                    sb.append(text).append(" ".repeat(widths[c] - width(text))).append(PADDING);
                }
                sb.append('\n');
            }
        }
        out.print(sb);
        out.flush();
    }

    /** The cell's lines: text longer than {@code limit} broken greedily at spaces; one long word stays whole. */
    static List<String> wrap(String text, int limit) {
        if (limit <= 0 || width(text) <= limit || !text.contains(" ")) {
            return List.of(text);
        }
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" +")) {
            if (!line.isEmpty() && width(line.toString()) + 1 + width(word) > limit) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (!line.isEmpty()) {
                line.append(' ');
            }
            line.append(word);
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    /** Columns on a terminal: code points, East Asian wide characters counting two. */
    static int width(String s) {
        int w = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            w += isWide(cp) ? 2 : 1;
            i += Character.charCount(cp);
        }
        return w;
    }

    private static boolean isWide(int cp) {
        return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3)
                || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60)
                || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1FAFF) || (cp >= 0x20000 && cp <= 0x3FFFD);
    }
}
