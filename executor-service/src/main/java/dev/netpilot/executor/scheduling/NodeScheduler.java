package dev.netpilot.executor.scheduling;

import java.util.List;
import java.util.Optional;

/**
 * Picks the node that will own a pinned device (a lane). Schedulers only pick; the lane's owner key, set
 * atomically, is the authority. Node order never depends on Redis scan order: ties break by name.
 */
public interface NodeScheduler {

    /** The name used in {@code np.executor.scheduler}. */
    String name();

    /** The node for one new lane, or empty when every node is full. */
    Optional<String> select(List<NodeLoad> nodes, String laneId);

    /**
     * Nodes for several new lanes, in the order of {@code laneIds}; an entry is null where no node has room.
     * All free capacity is used before any lane is left without a node.
     */
    List<String> selectBatch(List<NodeLoad> nodes, List<String> laneIds);
}
