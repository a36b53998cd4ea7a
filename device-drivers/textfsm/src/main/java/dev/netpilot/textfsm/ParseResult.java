package dev.netpilot.textfsm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The table a template produces: the value names in template order and one row per record. A cell is a
 * {@code String} ({@code ""} when the value never matched), or for a {@code List} value a {@code List<String>}
 * (an element is {@code null} where Python has {@code None}: an optional group that did not take part) or, when
 * the value's regex has nested named groups, a {@code List<Map<String, String>>}.
 */
public record ParseResult(List<String> header, List<List<Object>> rows) {

    public ParseResult {
        header = List.copyOf(header);
        rows = List.copyOf(rows);
    }

    /** The rows as maps keyed by lower-cased value names, in header order: what ntc-templates and netmiko return. */
    public List<Map<String, Object>> toMaps() {
        List<String> keys = header.stream().map(name -> name.toLowerCase(Locale.ROOT)).toList();
        List<Map<String, Object>> maps = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (int i = 0; i < keys.size(); i++) {
                map.put(keys.get(i), row.get(i));
            }
            maps.add(map);
        }
        return maps;
    }
}
