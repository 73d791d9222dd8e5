// Spec types of the corpus layer (Document itself lives in src/core/types.ts).

/** Counters a source fills while it streams: files or rows seen, documents yielded, skips by reason. */
export interface SourceStats {
  seen: number;
  yielded: number;
  /** UTF-8 bytes of the yielded documents' text. */
  bytes: number;
  /** Items not yielded, by a stable reason (`too-large`, `binary`, `unreadable`, ...). */
  skipped: Record<string, number>;
}

/** One JSONL shard of a bronze store. */
export interface BronzeShard {
  /** File name relative to the store directory, e.g. `shard-00000.jsonl`. */
  file: string;
  documents: number;
  bytes: number;
  /** sha256 of the shard file's bytes. */
  sha256: string;
}

/** `manifest.json` of a bronze store; written last, so its presence marks a finished store. */
export interface BronzeManifest {
  version: 1;
  documents: number;
  bytes: number;
  shards: BronzeShard[];
}
