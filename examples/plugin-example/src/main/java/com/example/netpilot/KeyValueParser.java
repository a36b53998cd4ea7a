package com.example.netpilot;

import dev.netpilot.templates.ParseSpec;
import dev.netpilot.templates.TemplateException;
import dev.netpilot.templates.TemplateParser;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parser: {@code example_kv} turns {@code key<sep>value} lines into one record; the template is the separator
 * (e.g. {@code ":"}).
 */
public final class KeyValueParser implements TemplateParser {

    @Override
    public String name() {
        return "example_kv";
    }

    @Override
    public List<Map<String, Object>> parse(ParseSpec spec, String text) {
        check(spec);
        Map<String, Object> record = new LinkedHashMap<>();
        for (String line : text.split("\\R")) {
            int at = line.indexOf(spec.template());
            if (at > 0) {
                record.put(line.substring(0, at).trim(), line.substring(at + spec.template().length()).trim());
            }
        }
        List<Map<String, Object>> records = new ArrayList<>();
        records.add(record);
        return records;
    }

    @Override
    public void check(ParseSpec spec) {
        if (spec.template() == null || spec.template().isEmpty()) {
            throw new TemplateException("example_kv needs the separator as its template, e.g. \":\"");
        }
    }
}
