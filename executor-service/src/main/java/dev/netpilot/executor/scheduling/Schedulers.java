package dev.netpilot.executor.scheduling;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import java.util.zip.CRC32;

/**
 * The built-in schedulers, with NetPulse's selection rules (reference §3.7) and two fixes: node order is by name
 * rather than hash-scan order, and a batch uses every free slot (NetPulse fails the whole batch when total free
 * capacity is short, and {@code least_load_random} leaves some capacity unused).
 */
public final class Schedulers {

    private static final Comparator<NodeLoad> BY_NAME = Comparator.comparing(NodeLoad::name);

    private Schedulers() {
    }

    /**
     * Every built-in scheduler by name, drawing randomness from {@code random} (for repeatable tests; the executor
     * finds schedulers, built-in or not, through its plugin loader).
     */
    public static Map<String, NodeScheduler> all(RandomGenerator random) {
        Map<String, NodeScheduler> byName = new TreeMap<>();
        for (NodeScheduler scheduler : List.of(new Greedy(), new LeastLoad(), new LeastLoadRandom(random),
                new LoadWeightedRandom(random))) {
            byName.put(scheduler.name(), scheduler);
        }
        return byName;
    }

    public static NodeScheduler byName(String name, RandomGenerator random) {
        NodeScheduler scheduler = all(random).get(name);
        if (scheduler == null) {
            throw new IllegalArgumentException("np.executor.scheduler '" + name + "' does not exist; use one of "
                    + all(random).keySet());
        }
        return scheduler;
    }

    private static List<NodeLoad> available(List<NodeLoad> nodes) {
        return nodes.stream().filter(NodeLoad::available).sorted(BY_NAME).toList();
    }

    /** Fills nodes in the given order, each up to its free capacity. */
    private static List<String> fillInOrder(List<NodeLoad> ordered, int lanes) {
        List<String> picks = new ArrayList<>(lanes);
        for (NodeLoad node : ordered) {
            for (int i = 0; i < node.free() && picks.size() < lanes; i++) {
                picks.add(node.name());
            }
        }
        while (picks.size() < lanes) {
            picks.add(null);
        }
        return picks;
    }

    /** {@code greedy}: the first node with room; batches go to the most loaded nodes first (fewest nodes used). */
    public static final class Greedy implements NodeScheduler {
        @Override
        public String name() {
            return "greedy";
        }

        @Override
        public Optional<String> select(List<NodeLoad> nodes, String laneId) {
            return available(nodes).stream().findFirst().map(NodeLoad::name);
        }

        @Override
        public List<String> selectBatch(List<NodeLoad> nodes, List<String> laneIds) {
            List<NodeLoad> ordered = available(nodes).stream()
                    .sorted(Comparator.comparingInt(NodeLoad::count).reversed()
                            .thenComparing(Comparator.comparingInt(NodeLoad::free).reversed())
                            .thenComparing(NodeLoad::name))
                    .toList();
            return fillInOrder(ordered, laneIds.size());
        }
    }

    /**
     * {@code least_load}: the node with the fewest devices, then the most room, then the first name. Batches fill
     * the least loaded nodes first, each completely before the next (packing, as NetPulse does).
     */
    public static final class LeastLoad implements NodeScheduler {
        static final Comparator<NodeLoad> ORDER = Comparator.comparingInt(NodeLoad::count)
                .thenComparing(Comparator.comparingInt(NodeLoad::free).reversed())
                .thenComparing(NodeLoad::name);

        @Override
        public String name() {
            return "least_load";
        }

        @Override
        public Optional<String> select(List<NodeLoad> nodes, String laneId) {
            return available(nodes).stream().min(ORDER).map(NodeLoad::name);
        }

        @Override
        public List<String> selectBatch(List<NodeLoad> nodes, List<String> laneIds) {
            return fillInOrder(available(nodes).stream().sorted(ORDER).toList(), laneIds.size());
        }
    }

    /**
     * {@code least_load_random}: like least_load, with a uniform random pick among the tied nodes. Batches take the
     * lowest-count group first and, inside it, spread over the nodes with the most room left, at random.
     */
    public static final class LeastLoadRandom implements NodeScheduler {
        private final RandomGenerator random;

        public LeastLoadRandom() {
            this(new java.util.Random());
        }

        LeastLoadRandom(RandomGenerator random) {
            this.random = random;
        }

        @Override
        public String name() {
            return "least_load_random";
        }

        @Override
        public Optional<String> select(List<NodeLoad> nodes, String laneId) {
            List<NodeLoad> candidates = available(nodes);
            if (candidates.isEmpty()) {
                return Optional.empty();
            }
            NodeLoad best = candidates.stream().min(LeastLoad.ORDER).orElseThrow();
            List<NodeLoad> tied = candidates.stream()
                    .filter(n -> n.count() == best.count() && n.free() == best.free()).toList();
            return Optional.of(tied.get(random.nextInt(tied.size())).name());
        }

        @Override
        public List<String> selectBatch(List<NodeLoad> nodes, List<String> laneIds) {
            Map<Integer, List<NodeLoad>> groups = available(nodes).stream()
                    .collect(Collectors.groupingBy(NodeLoad::count, TreeMap::new, Collectors.toList()));
            Map<String, Integer> remaining = new TreeMap<>();
            available(nodes).forEach(n -> remaining.put(n.name(), n.free()));
            List<String> picks = new ArrayList<>(laneIds.size());
            for (List<NodeLoad> group : groups.values()) {
                while (picks.size() < laneIds.size()) {
                    int most = group.stream().mapToInt(n -> remaining.get(n.name())).max().orElse(0);
                    if (most == 0) {
                        break;
                    }
                    List<NodeLoad> roomiest = group.stream().filter(n -> remaining.get(n.name()) == most).toList();
                    String pick = roomiest.get(random.nextInt(roomiest.size())).name();
                    remaining.merge(pick, -1, Integer::sum);
                    picks.add(pick);
                }
            }
            while (picks.size() < laneIds.size()) {
                picks.add(null);
            }
            return picks;
        }
    }

    /**
     * {@code load_weighted_random}: a roulette weighted by free capacity. The single pick perturbs the weights with
     * a hash of the lane that is stable across processes (CRC32, not a per-process hash); batches weigh each node by
     * (room left + 1)^2 with a little noise.
     */
    public static final class LoadWeightedRandom implements NodeScheduler {
        private final RandomGenerator random;

        public LoadWeightedRandom() {
            this(new java.util.Random());
        }

        LoadWeightedRandom(RandomGenerator random) {
            this.random = random;
        }

        @Override
        public String name() {
            return "load_weighted_random";
        }

        @Override
        public Optional<String> select(List<NodeLoad> nodes, String laneId) {
            List<NodeLoad> candidates = available(nodes);
            if (candidates.isEmpty()) {
                return Optional.empty();
            }
            double h = (stableHash(laneId) % 1000) / 1000.0;
            int n = candidates.size();
            double[] weights = new double[n];
            for (int i = 0; i < n; i++) {
                weights[i] = candidates.get(i).free() * (0.95 + 0.1 * ((h + (double) i / n) % 1.0));
            }
            return Optional.of(candidates.get(roulette(weights)).name());
        }

        @Override
        public List<String> selectBatch(List<NodeLoad> nodes, List<String> laneIds) {
            List<NodeLoad> candidates = available(nodes);
            int[] remaining = candidates.stream().mapToInt(NodeLoad::free).toArray();
            List<String> picks = new ArrayList<>(laneIds.size());
            for (int lane = 0; lane < laneIds.size(); lane++) {
                double[] weights = new double[candidates.size()];
                boolean any = false;
                for (int i = 0; i < weights.length; i++) {
                    if (remaining[i] > 0) {
                        weights[i] = Math.pow(remaining[i] + 1, 2) * (0.95 + 0.1 * random.nextDouble());
                        any = true;
                    }
                }
                if (!any) {
                    picks.add(null);
                    continue;
                }
                int pick = roulette(weights);
                remaining[pick]--;
                picks.add(candidates.get(pick).name());
            }
            return picks;
        }

        private int roulette(double[] weights) {
            double total = Arrays.stream(weights).sum();
            double r = random.nextDouble() * total;
            int last = -1;
            for (int i = 0; i < weights.length; i++) {
                if (weights[i] <= 0) {
                    continue;
                }
                last = i;
                r -= weights[i];
                if (r < 0) {
                    return i;
                }
            }
            return last;
        }

        static long stableHash(String laneId) {
            CRC32 crc = new CRC32();
            crc.update(laneId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return crc.getValue();
        }
    }
}
