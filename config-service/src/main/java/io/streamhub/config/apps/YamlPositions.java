package io.streamhub.config.apps;

import java.io.StringReader;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Where each key and value of a YAML document stands, so a problem can name its line. */
final class YamlPositions {

    private final Node root;

    private YamlPositions(Node root) {
        this.root = root;
    }

    /** Composes the document (no objects are constructed); throws SnakeYAML's exception on bad syntax. */
    static YamlPositions of(String text) {
        return new YamlPositions(new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(text)));
    }

    /** How far a path got: the line of the last step found, and whether every step was found. */
    private record Walk(int line, boolean complete) {
    }

    private Walk walk(List<Object> path) {
        Node node = root;
        int line = node == null ? 0 : node.getStartMark().getLine() + 1;
        for (Object step : path) {
            Node next = null;
            if (node instanceof MappingNode map && step instanceof String key) {
                for (NodeTuple t : map.getValue()) {
                    if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                        line = k.getStartMark().getLine() + 1;
                        next = t.getValueNode();
                        break;
                    }
                }
            } else if (node instanceof SequenceNode seq && step instanceof Integer i && i < seq.getValue().size()) {
                next = seq.getValue().get(i);
                line = next.getStartMark().getLine() + 1;
            }
            if (next == null) {
                return new Walk(line, false);
            }
            node = next;
        }
        return new Walk(line, true);
    }

    /** True when every key and index of {@code path} is present in the file. */
    boolean has(List<Object> path) {
        return walk(path).complete();
    }

    /**
     * The 1-based line of the deepest node along {@code path} (keys and indexes) that exists; for a
     * key, the line of the key itself. 0 for an empty document.
     */
    int lineOf(List<Object> path) {
        return walk(path).line();
    }
}
