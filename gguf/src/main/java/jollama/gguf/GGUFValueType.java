package jollama.gguf;

/** The metadata value types of GGUF, with the ids the file stores. */
public enum GGUFValueType {
    UINT8(0, 1),
    INT8(1, 1),
    UINT16(2, 2),
    INT16(3, 2),
    UINT32(4, 4),
    INT32(5, 4),
    FLOAT32(6, 4),
    BOOL(7, 1),
    STRING(8, 8),
    ARRAY(9, 12),
    UINT64(10, 8),
    INT64(11, 8),
    FLOAT64(12, 8);

    private static final GGUFValueType[] BY_ID = values();

    private final int id;
    private final int minEncodedSize;

    GGUFValueType(int id, int minEncodedSize) {
        this.id = id;
        this.minEncodedSize = minEncodedSize;
    }

    /** The id GGUF stores for this type. */
    public int id() {
        return id;
    }

    /**
     * The fewest bytes one value of this type occupies in a file (a string is at least its u64
     * length, an array at least its element type and count). The reader bounds every count by
     * the bytes left divided by this, so that no count can make it allocate more than the file holds.
     */
    public int minEncodedSize() {
        return minEncodedSize;
    }

    /** The type with GGUF id {@code id}, or null when the id is not a GGUF value type. */
    public static GGUFValueType fromId(int id) {
        // The ids are dense and in declaration order, so the ordinal is the id.
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }
}
