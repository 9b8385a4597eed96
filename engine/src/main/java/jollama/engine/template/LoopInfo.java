package jollama.engine.template;

/**
 * The {@code loop} variable of one iteration. previtem / nextitem are only meaningful when
 * {@code index0 > 0} / {@code index0 < length - 1}; otherwise they read as undefined.
 */
record LoopInfo(int index0, int length, Object previous, Object next) {

    Object attribute(String name) {
        return switch (name) {
            case "index" -> (long) index0 + 1;
            case "index0" -> (long) index0;
            case "revindex" -> (long) (length - index0);
            case "revindex0" -> (long) (length - index0 - 1);
            case "first" -> index0 == 0;
            case "last" -> index0 == length - 1;
            case "length" -> (long) length;
            case "depth" -> 1L;
            case "depth0" -> 0L;
            case "previtem" -> index0 > 0 ? previous : new Undefined("there is no previous item");
            case "nextitem" -> index0 < length - 1 ? next : new Undefined("there is no next item");
            case "cycle" -> new BoundMethod(this, "cycle");
            default -> new Undefined("'LoopContext object' has no attribute '" + name + "'");
        };
    }
}
