package jollama.engine.gotemplate;

import java.util.List;

/**
 * A Go slice. A nil slice ({@code items == null}) and an empty one differ only in
 * {@code json} (null versus []); both are false and have length 0.
 */
record GoSlice(GoType type, List<Object> items) {

    GoSlice {
        items = items == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(items));
    }

    static GoSlice nil(GoType type) {
        return new GoSlice(type, null);
    }

    boolean isNil() {
        return items == null;
    }

    int length() {
        return items == null ? 0 : items.size();
    }

    List<Object> elements() {
        return items == null ? List.of() : items;
    }
}
