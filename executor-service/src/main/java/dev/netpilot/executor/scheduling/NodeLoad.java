package dev.netpilot.executor.scheduling;

/** A live node as the schedulers see it: how many pinned devices it owns and may own. */
public record NodeLoad(String name, int count, int capacity) {

    public int free() {
        return Math.max(0, capacity - count);
    }

    public boolean available() {
        return count < capacity;
    }
}
