package jollama.engine.gotemplate;

import java.util.ArrayList;
import java.util.List;

/**
 * Ollama's {@code collate}: every system message's content joins {@code .System} (separated by
 * a blank line), and back-to-back messages of the same role, tool results excepted, merge into
 * the first of them with a blank line between the contents (the later messages' other fields
 * are dropped, as in Ollama). System messages stay in the message list too.
 */
record Collation(String system, List<TemplateMessage> messages) {

    static Collation of(List<TemplateMessage> messages) {
        List<String> system = new ArrayList<>();
        List<TemplateMessage> collated = new ArrayList<>();
        for (TemplateMessage message : messages) {
            if (message.role().equals("system")) {
                system.add(message.content());
            }
            int last = collated.size() - 1;
            if (last >= 0 && collated.get(last).role().equals(message.role()) && !message.role().equals("tool")) {
                collated.set(last, collated.get(last).withContent(collated.get(last).content() + "\n\n" + message.content()));
            } else {
                collated.add(message);
            }
        }
        return new Collation(String.join("\n\n", system), List.copyOf(collated));
    }
}
