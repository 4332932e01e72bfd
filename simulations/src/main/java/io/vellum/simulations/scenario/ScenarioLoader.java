package io.vellum.simulations.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads scenario files strictly: an unknown key, a value of the wrong type (a string where a number goes, a
 * fraction where an integer goes), an unknown enum value or a value out of range is an error that names the file
 * and the key.
 */
public final class ScenarioLoader {
    /** The most bytes a scenario file may have. */
    public static final int FILE_BYTES_MAX = 1 << 20;

    private final ObjectMapper yaml;

    public ScenarioLoader() {
        this.yaml = mapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
    }

    /** The strict mapper for scenario files ({@code factory} YAML), also used to write them back. */
    static ObjectMapper mapper(YAMLFactory factory) {
        return JsonMapper.builder(factory)
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
                .build();
    }

    /** Reads a scenario file. */
    public Scenario load(Path file) throws ScenarioException {
        String source = file.toString();
        byte[] bytes;
        try {
            if (Files.size(file) > FILE_BYTES_MAX) {
                throw new ScenarioException(source, "", "larger than " + FILE_BYTES_MAX + " bytes", null);
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ScenarioException(source, "", "cannot read: " + e, e);
        }
        return parse(source, new String(bytes, StandardCharsets.UTF_8));
    }

    /** Reads a scenario from the classpath ({@code scenarios/<name>.yaml}, the library). */
    public Scenario loadResource(String resource) throws ScenarioException {
        try (InputStream in = ScenarioLoader.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new ScenarioException(resource, "", "no such resource", null);
            }
            return parse("classpath:" + resource, new String(in.readNBytes(FILE_BYTES_MAX), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ScenarioException(resource, "", "cannot read: " + e, e);
        }
    }

    /** Parses scenario text; {@code source} names it in errors. */
    public Scenario parse(String source, String text) throws ScenarioException {
        if (text.isBlank()) {
            throw new ScenarioException(source, "", "empty file", null);
        }
        try {
            Scenario scenario = yaml.readValue(text, Scenario.class);
            if (scenario == null) {
                throw new ScenarioException(source, "", "empty file", null);
            }
            return scenario;
        } catch (UnrecognizedPropertyException e) {
            throw new ScenarioException(source, path(e), "unknown key '" + e.getPropertyName() + "' (known: "
                    + e.getKnownPropertyIds() + ")", e);
        } catch (JsonMappingException e) {
            throw new ScenarioException(source, path(e), reason(e), e);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ": ";
            throw new ScenarioException(source, "", where + "not valid YAML: " + e.getOriginalMessage(), e);
        }
    }

    /** The scenario as YAML (what a run directory keeps, with its seed and generated faults written out). */
    public String write(Scenario scenario) {
        try {
            return yaml.writeValueAsString(scenario);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a scenario could not be written as YAML", e);
        }
    }

    private static String path(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getIndex() >= 0) {
                out.append('[').append(reference.getIndex()).append(']');
            } else if (reference.getFieldName() != null) {
                if (out.length() > 0) {
                    out.append('.');
                }
                out.append(reference.getFieldName());
            }
        }
        return out.toString();
    }

    private static String reason(JsonMappingException e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof StreamReadException read && !(c instanceof JsonMappingException)) {
                String where = read.getLocation() == null ? "" : "line " + read.getLocation().getLineNr() + ": ";
                return where + "not valid YAML: " + read.getOriginalMessage().lines().findFirst().orElse("");
            }
        }
        Throwable cause = e.getCause();
        while (cause != null && cause.getCause() != null && !(cause instanceof IllegalArgumentException)) {
            cause = cause.getCause();
        }
        if (cause instanceof IllegalArgumentException) {
            return cause.getMessage();
        }
        String message = e.getOriginalMessage();
        int newline = message.indexOf('\n');
        return newline > 0 ? message.substring(0, newline) : message;
    }
}
