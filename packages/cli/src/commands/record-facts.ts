/**
 * `rubric eval --record-facts`: each result carries the subject's data exactly as it was
 * evaluated (`subject`), so `rubric verify` can recompute it later. Done by passing the
 * records through: each record is remembered by its position as it is read and attached to
 * its result as that is written, so it works however the batch evaluates (one thread or
 * several) and memory holds only the records in flight.
 */
import type { DataItem } from '../data/data-item.js';
import type { ResultWriter } from '../output/writer.js';

/** The items and the writer to use instead, with the records carried from one to the other. */
export function recordFacts(items: AsyncIterable<DataItem>, writer: ResultWriter): { items: AsyncIterable<DataItem>; writer: ResultWriter } {
  const inFlight = new Map<number, Record<string, unknown>>();
  async function* remembered(): AsyncGenerator<DataItem> {
    for await (const item of items) {
      if (item.record) inFlight.set(item.index, item.record);
      yield item;
    }
  }
  return {
    items: remembered(),
    writer: {
      begin: (info) => writer.begin(info),
      write: (result, at) => {
        const subject = inFlight.get(at.index);
        inFlight.delete(at.index);
        // A record that could not be read at all has no data to record.
        return writer.write(subject ? { ...result, subject } : result, at);
      },
      end: (counts) => writer.end(counts),
    },
  };
}
