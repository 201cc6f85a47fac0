package io.nightscribe.batch.kubernetes;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.core.type.TypeReference;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;
import tools.jackson.dataformat.yaml.util.StringQuotingChecker;

/**
 * Writes objects built from ordered maps and lists as YAML (and reads them back): keys in the order
 * they were put, the same bytes for the same objects, multi-line strings as literal blocks.
 * Thread-safe.
 */
final class ManifestYaml {
  private static final YAMLMapper MAPPER = mapper(true);

  /**
   * Lists at the left margin: YAML kept in a string that is written as a literal block must not
   * begin with spaces, or the block needs an indentation indicator that readers get wrong.
   */
  private static final YAMLMapper EMBEDDED = mapper(false);

  private ManifestYaml() {}

  /** One YAML document, ending with a newline. */
  static String write(Object object) {
    return MAPPER.writeValueAsString(object);
  }

  /** One YAML document to embed as a string in another (a patch, a pod template). */
  static String writeEmbedded(Object object) {
    return EMBEDDED.writeValueAsString(object);
  }

  /**
   * Reads one YAML document whose top is a map into ordered maps and lists, so that writing it back
   * keeps the author's order.
   *
   * @throws tools.jackson.core.JacksonException when it is not YAML or its top is not a map
   */
  static Map<String, Object> read(String yaml) {
    return MAPPER.readValue(yaml, new TypeReference<LinkedHashMap<String, Object>>() {});
  }

  private static YAMLMapper mapper(boolean indentLists) {
    YAMLMapper.Builder builder =
        YAMLMapper.builder(
                YAMLFactory.builder().stringQuotingChecker(new KubernetesQuoting()).build())
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            .disable(YAMLWriteFeature.SPLIT_LINES)
            .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
            .enable(YAMLWriteFeature.LITERAL_BLOCK_STYLE);
    return (indentLists
            ? builder.enable(YAMLWriteFeature.INDENT_ARRAYS_WITH_INDICATOR)
            : builder.disable(YAMLWriteFeature.INDENT_ARRAYS_WITH_INDICATOR))
        .build();
  }

  /**
   * Quotes what a YAML 1.1 reader (Kubernetes' sigs.k8s.io/yaml, kubectl) would not read back as
   * the same string, beyond Jackson's own rules: anything that starts like a number, which YAML 1.1
   * may read as an octal, hexadecimal, sexagesimal ("12:30") or timestamp ("2026-11-21") value.
   */
  private static final class KubernetesQuoting extends StringQuotingChecker.Default {
    private static final long serialVersionUID = 1L;
    private static final Pattern NUMBER_LIKE = Pattern.compile("[-+.]?[0-9].*", Pattern.DOTALL);

    @Override
    public boolean needToQuoteValue(String value) {
      return super.needToQuoteValue(value) || NUMBER_LIKE.matcher(value).matches();
    }
  }
}
