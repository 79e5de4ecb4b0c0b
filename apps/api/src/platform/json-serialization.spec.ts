import { serializeJson } from './json-serialization';

describe('serializeJson', () => {
  it('writes plain JSON as JSON.stringify does', () => {
    const payload = { position: '4/4', data: { title: 'Semarang', values: [1, null, 'x'] } };
    expect(serializeJson(payload)).toBe(JSON.stringify(payload));
  });

  it('writes bigints, however deep, as decimal strings', () => {
    expect(serializeJson({ revision: 3n, data: [{ position: { commit: 12345678901234567890n } }] })).toBe(
      '{"revision":"3","data":[{"position":{"commit":"12345678901234567890"}}]}',
    );
  });

  it('still refuses what JSON cannot hold for other reasons', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => serializeJson(cyclic)).toThrow(TypeError);
  });
});
