/**
 * Weave calls as the backfill sends them, and everything that turns them into bytes Weave accepts. Pure:
 * no I/O, no Spring. Its classes fall into five groups; a change usually stays within one.
 *
 * <dl>
 * <dt>The model</dt>
 * <dd>{@link dev.difyweave.backfill.call.WeaveCall} (start and end of one call, with the bytes it will be
 * sent as), {@link dev.difyweave.backfill.call.WeaveFeedback}, the deterministic ids of
 * {@link dev.difyweave.backfill.call.CallIds} (C1), what a call comes from and counts as
 * ({@link dev.difyweave.backfill.call.SourceKey}, {@link dev.difyweave.backfill.call.RootKind},
 * {@link dev.difyweave.backfill.call.TraceKind}) and privacy mode
 * ({@link dev.difyweave.backfill.call.ContentMode}, {@link dev.difyweave.backfill.call.ContentPolicy}).</dd>
 *
 * <dt>Dify's live rules</dt>
 * <dd>What Dify's own Weave integration does to a value, replicated: {@link dev.difyweave.backfill.call.LivePayload}
 * (its inputs/outputs rewriting), {@link dev.difyweave.backfill.call.PythonRepr} ({@code str()} of a value),
 * and Weave's Python-side counting of feedback text ({@link dev.difyweave.backfill.call.FeedbackText},
 * {@link dev.difyweave.backfill.call.PythonJsonLength}).</dd>
 *
 * <dt>Reading Dify's JSON</dt>
 * <dd>{@link dev.difyweave.backfill.call.JsonText} (a column's bytes) is read by
 * {@link dev.difyweave.backfill.call.StreamedJson}: values sent as they are become
 * {@link dev.difyweave.backfill.call.RawJson} (bytes copied and checked in one pass by
 * {@code JsonBytesCopy}), values the mappers reshape become Jackson trees ({@code JsonBytesTree}, whose
 * strings keep their source bytes as {@code SourcedString}). Both share {@code Utf8JsonScanner} and
 * {@code DecimalBytes}, and leave anything unusual to Jackson's parser, so what they give is always what
 * {@link dev.difyweave.backfill.call.Json#MAPPER} gives.</dd>
 *
 * <dt>Writing calls</dt>
 * <dd>{@link dev.difyweave.backfill.call.WeaveJson} is the wire format (v1 upsert items, v2 complete items).
 * {@code CallBytes} writes nearly every call straight into a thread's {@code JsonByteArray}; the rest go
 * through Jackson's generator wrapped in {@code CheckingGenerator} ({@code KeptGenerator},
 * {@code ReusableBuffer}). Either way strings are written as the generator writes them ({@code WrittenAscii},
 * {@code CheckedText}), and what decides whether a call needs cleaning (a ref prefix, a lone surrogate, depth)
 * is noted while writing.</dd>
 *
 * <dt>Making a call acceptable (C13, C14)</dt>
 * <dd>{@link dev.difyweave.backfill.call.CallSanitizer} is the entry: a call written once and measured;
 * only one that needs it is walked by {@code CallCleaner} (refs escaped per {@code WeaveRefRule}, lone
 * surrogates replaced, deep containers flattened) and cut to the byte cap by {@code CallFitter} and
 * {@code SizeCutter} ({@code JsonSize} measures without writing). Every change is listed by
 * {@code ValuePath} in {@code attributes.backfill} ({@code ChangeList}).</dd>
 * </dl>
 *
 * Each byte-level shortcut is tested against the Jackson path it replaces, byte for byte, on random input
 * ({@code CallBytesPropertiesTest}, {@code JsonBytesTreeTest}, {@code JsonBytesCopyTest}).
 */
package dev.difyweave.backfill.call;
