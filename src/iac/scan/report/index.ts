// Scan report output formats (JSON, text, SARIF, JUnit) and importers of other scanners' reports.

export { detectReportFormat, importReport } from './import-report.js';
export type { ImportedReport, PassedCheck, ReportFormat } from './imported-report.js';
export { renderJson } from './render-json.js';
export { renderJunit } from './render-junit.js';
export {
  FINGERPRINT_KEY,
  findingFingerprint,
  renderSarif,
  SARIF_LEVEL,
  SECURITY_SEVERITY,
} from './render-sarif.js';
export { renderText, type TextOptions } from './render-text.js';
export type { ScanReport, ScanReportError } from './scan-report.js';
