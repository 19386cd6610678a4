// SpeechSegments: VAD segment events in, closed speech segments [{ startMs, endMs }] out.

export const segments = {
  type: 'SpeechSegments',
  runtime: 'ts',
  metadata: {
    category: 'audio/analysis',
    description: 'Turns VAD segment events into closed speech segments [{ startMs, endMs }]',
    params: { type: 'object', additionalProperties: false, properties: {} },
    inputs: [{ name: 'events', type: 'json', description: 'VAD segment events' }],
    outputs: [{ name: 'segments', type: 'json', description: 'Closed segments, in order' }],
  },
  create() {
    return {
      process(events) {
        const closed = events
          .filter((e) => e.type === 'speechEnd')
          .map((e) => ({ startMs: e.startMs, endMs: e.endMs }));
        return closed.length > 0 ? closed : undefined;
      },
    };
  },
};
