// Helm templates are not YAML until rendered, and a YAML parser sometimes accepts them silently
// (`replicas: {{ .Values.n }}` parses as a flow mapping). They are recognised by their template
// actions, not by `{{` alone: Prometheus alert text (`{{ $labels.pod }}`) and Argo parameters
// (`"{{inputs.parameters.x}}"`) are valid manifests that use braces too.

const HELM_ACTION =
  /\{\{-?\s*(?:-\s*)?(?:\.Values|\.Release|\.Chart|\.Capabilities|\.Files|\.Template|\$\.|include\s|template\s|define\s|if\s|else\b|end\b|range\s|with\s|toYaml\b|tpl\s|required\s|default\s|printf\s|quote\b|nindent\b|indent\b|\/\*)/;

/** True when the text holds Helm/Go-template actions that make it a chart template. */
export function isHelmTemplate(text: string): boolean {
  let index = text.indexOf('{{');
  while (index !== -1) {
    // Test a short window after each `{{`: linear in the text, whatever its size.
    if (HELM_ACTION.test(text.slice(index, index + 48))) return true;
    const close = text.indexOf('}}', index + 2);
    const window = close === -1 ? '' : text.slice(index, Math.min(close + 2, index + 400));
    if (/\|\s*(?:nindent|indent|toYaml|quote|default|trim|upper|lower)\b/.test(window)) return true;
    index = text.indexOf('{{', index + 2);
  }
  return false;
}
