package dev.difyweave.backfill.call;

/**
 * Where a value of a call is, as {@code inputs.query} or {@code output.items[2]}: what
 * {@code attributes.backfill.escaped}, {@code flattened} and {@code truncated} list. A listed path covers
 * the value at it and everything below it. Cheap to make (a parent link), turned into text only for the
 * few values that change.
 */
record ValuePath(ValuePath parent, String key, int index, int depth) {

    /** A field of the call: {@code inputs}, {@code output}, {@code display_name}, ... */
    static ValuePath root(String field) {
        return new ValuePath(null, field, -1, 1);
    }

    ValuePath child(String name) {
        return new ValuePath(this, name, -1, depth + 1);
    }

    ValuePath element(int i) {
        return new ValuePath(this, null, i, depth + 1);
    }

    /** This path or its ancestor with at most {@code levels} parts. */
    ValuePath upTo(int levels) {
        ValuePath path = this;
        while (path.depth > levels) {
            path = path.parent;
        }
        return path;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        append(out);
        return out.toString();
    }

    private void append(StringBuilder out) {
        if (parent != null) {
            parent.append(out);
        }
        if (key == null) {
            out.append('[').append(index).append(']');
        } else {
            if (parent != null) {
                out.append('.');
            }
            out.append(key);
        }
    }
}
