package jollama.engine.gotemplate;

import java.util.ArrayList;
import java.util.List;

/**
 * The push-down stack of template variables. Control structures remember the height with
 * {@link #mark()} and {@link #pop(int)} back to it, so variables live until the {@code end}
 * of the structure that declared them; {@code $x = v} overwrites the innermost {@code $x}.
 */
final class Variables {

    private static final class Slot {
        final String name;
        Object value;

        Slot(String name, Object value) {
            this.name = name;
            this.value = value;
        }
    }

    private final List<Slot> slots = new ArrayList<>();

    Variables(Object root) {
        push("$", root);
    }

    void push(String name, Object value) {
        slots.add(new Slot(name, value));
    }

    int mark() {
        return slots.size();
    }

    void pop(int mark) {
        slots.subList(mark, slots.size()).clear();
    }

    /** Sets the n-th variable from the top (1 is the top), as range does each iteration. */
    void setTop(int n, Object value) {
        slots.get(slots.size() - n).value = value;
    }

    /** False when no variable has that name. */
    boolean set(String name, Object value) {
        for (int i = slots.size() - 1; i >= 0; i--) {
            if (slots.get(i).name.equals(name)) {
                slots.get(i).value = value;
                return true;
            }
        }
        return false;
    }

    boolean has(String name) {
        return slots.stream().anyMatch(s -> s.name.equals(name));
    }

    Object get(String name) {
        for (int i = slots.size() - 1; i >= 0; i--) {
            if (slots.get(i).name.equals(name)) {
                return slots.get(i).value;
            }
        }
        return null;
    }
}
