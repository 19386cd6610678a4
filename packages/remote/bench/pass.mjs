// A pass-through node: returns its input frame.
export const Pass = {
  type: 'Pass',
  runtime: 'ts',
  metadata: {
    category: 'test',
    description: 'Pass-through',
    params: { type: 'object', properties: {} },
    inputs: [{ name: 'audio', type: 'audio' }],
    outputs: [{ name: 'audio', type: 'audio' }],
  },
  create: () => ({ process: (frame) => frame }),
};
