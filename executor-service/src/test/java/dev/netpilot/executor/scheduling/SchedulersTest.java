package dev.netpilot.executor.scheduling;

import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SchedulersTest {

    private static final List<String> FIVE = List.of("l1", "l2", "l3", "l4", "l5");

    private static NodeScheduler scheduler(String name) {
        return Schedulers.byName(name, new Random(42));
    }

    private static Map<String, Long> counts(List<String> picks) {
        Map<String, Long> counts = new HashMap<>();
        picks.forEach(p -> counts.merge(String.valueOf(p), 1L, Long::sum));
        return counts;
    }

    @Test
    void everySchedulerSaysEmptyWhenAllNodesAreFull() {
        List<NodeLoad> full = List.of(new NodeLoad("a", 2, 2), new NodeLoad("b", 3, 3));
        for (String name : List.of("greedy", "least_load", "least_load_random", "load_weighted_random")) {
            assertEquals(Optional.empty(), scheduler(name).select(full, "l1"), name);
            assertEquals(Collections.nCopies(2, null), scheduler(name).selectBatch(full, List.of("l1", "l2")), name);
        }
    }

    @Test
    void anUnknownSchedulerNameListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> scheduler("round_robin"));
        assertTrue(e.getMessage().contains("least_load"), e.getMessage());
    }

    @Test
    void greedyPicksTheFirstNodeWithRoomByName() {
        List<NodeLoad> nodes = List.of(new NodeLoad("c", 0, 5), new NodeLoad("a", 4, 4), new NodeLoad("b", 1, 5));
        assertEquals(Optional.of("b"), scheduler("greedy").select(nodes, "l1"));
    }

    @Test
    void greedyBatchFillsTheMostLoadedNodeFirst() {
        List<NodeLoad> nodes = List.of(new NodeLoad("a", 0, 4), new NodeLoad("b", 2, 4), new NodeLoad("c", 1, 2));
        assertEquals(List.of("b", "b", "c", "a", "a"), scheduler("greedy").selectBatch(nodes, FIVE));
    }

    @Test
    void leastLoadPicksFewestThenMostRoomThenName() {
        List<NodeLoad> nodes = List.of(new NodeLoad("b", 1, 10), new NodeLoad("a", 1, 4), new NodeLoad("c", 2, 10));
        assertEquals(Optional.of("b"), scheduler("least_load").select(nodes, "l1"), "most room wins among equal counts");
        List<NodeLoad> tied = List.of(new NodeLoad("b", 0, 4), new NodeLoad("a", 0, 4));
        assertEquals(Optional.of("a"), scheduler("least_load").select(tied, "l1"), "then the first name");
    }

    @Test
    void leastLoadBatchPacksTheLeastLoadedNodeFirst() {
        List<NodeLoad> nodes = List.of(new NodeLoad("a", 1, 3), new NodeLoad("b", 0, 3));
        assertEquals(List.of("b", "b", "b", "a", "a"), scheduler("least_load").selectBatch(nodes, FIVE));
    }

    @Test
    void batchesUseEveryFreeSlotAndLeaveOnlyTheRestWithoutANode() {
        List<NodeLoad> nodes = List.of(new NodeLoad("a", 0, 2), new NodeLoad("b", 0, 1));
        for (String name : List.of("greedy", "least_load", "least_load_random", "load_weighted_random")) {
            Map<String, Long> counts = counts(scheduler(name).selectBatch(nodes, FIVE));
            assertEquals(2L, counts.get("a"), name);
            assertEquals(1L, counts.get("b"), name);
            assertEquals(2L, counts.get("null"), name);
        }
    }

    @Test
    void leastLoadRandomPicksOnlyAmongTheTiedBest() {
        List<NodeLoad> nodes = List.of(new NodeLoad("a", 0, 5), new NodeLoad("b", 0, 5), new NodeLoad("c", 1, 5),
                new NodeLoad("d", 0, 3));
        NodeScheduler scheduler = scheduler("least_load_random");
        Map<String, Long> picks = new HashMap<>();
        for (int i = 0; i < 400; i++) {
            picks.merge(scheduler.select(nodes, "l" + i).orElseThrow(), 1L, Long::sum);
        }
        assertEquals(2, picks.size(), "only a and b are tied best: " + picks);
        assertTrue(picks.get("a") > 100 && picks.get("b") > 100, "uniform between them: " + picks);
    }

    @Test
    void leastLoadRandomBatchSpreadsOverTheLowestGroupBeforeMovingUp() {
        List<NodeLoad> nodes = List.of(new NodeLoad("a", 0, 2), new NodeLoad("b", 0, 2), new NodeLoad("c", 3, 10));
        List<String> picks = scheduler("least_load_random").selectBatch(nodes, FIVE);
        Map<String, Long> counts = counts(picks);
        assertEquals(2L, counts.get("a"));
        assertEquals(2L, counts.get("b"));
        assertEquals("c", picks.get(4), "the higher-count group is used only when the lowest is full");
    }

    @Test
    void loadWeightedRandomFavoursTheNodeWithMoreRoom() {
        List<NodeLoad> nodes = List.of(new NodeLoad("roomy", 0, 90), new NodeLoad("tight", 80, 90));
        NodeScheduler scheduler = scheduler("load_weighted_random");
        Map<String, Long> picks = new HashMap<>();
        for (int i = 0; i < 500; i++) {
            picks.merge(scheduler.select(nodes, "lane-" + i).orElseThrow(), 1L, Long::sum);
        }
        assertTrue(picks.get("roomy") > picks.getOrDefault("tight", 0L) * 4, picks.toString());
    }

    @Test
    void loadWeightedRandomNeverPicksAFullNode() {
        List<NodeLoad> nodes = List.of(new NodeLoad("full", 5, 5), new NodeLoad("open", 0, 5));
        NodeScheduler scheduler = scheduler("load_weighted_random");
        for (int i = 0; i < 100; i++) {
            assertEquals(Optional.of("open"), scheduler.select(nodes, "lane-" + i));
        }
        assertEquals(List.of("open", "open", "open", "open", "open"), scheduler.selectBatch(nodes, FIVE));
    }

    @Test
    void theLaneHashIsStableAcrossProcesses() {
        assertEquals(Schedulers.LoadWeightedRandom.stableHash("admin@10.0.0.1:22"),
                Schedulers.LoadWeightedRandom.stableHash("admin@10.0.0.1:22"));
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update("admin@10.0.0.1:22".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(crc.getValue(), Schedulers.LoadWeightedRandom.stableHash("admin@10.0.0.1:22"),
                "CRC32 of the lane id, the same in every process");
    }
}
