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

describe('serializeJson of frozen answers', () => {
  function deepFreeze<T>(value: T): T {
    if (typeof value === 'object' && value !== null) {
      Object.freeze(value);
      for (const child of Object.values(value)) deepFreeze(child);
    }
    return value;
  }

  it('writes a deeply frozen answer once, and the same text each time after', () => {
    const payload = deepFreeze({ position: '4/4', data: { title: 'Semarang', values: [1, null, 'x'], revision: 2n } });
    const first = serializeJson(payload);
    expect(first).toBe('{"position":"4/4","data":{"title":"Semarang","values":[1,null,"x"],"revision":"2"}}');
    const stringify = jest.spyOn(JSON, 'stringify');
    try {
      expect(serializeJson(payload)).toBe(first);
      expect(stringify).not.toHaveBeenCalled();
    } finally {
      stringify.mockRestore();
    }
  });

  it('writes anew an answer frozen only at the top, whose inside may change', () => {
    const inside = { title: 'Semarang' };
    const payload = Object.freeze({ data: inside });
    expect(serializeJson(payload)).toBe('{"data":{"title":"Semarang"}}');
    inside.title = 'Kota Semarang';
    expect(serializeJson(payload)).toBe('{"data":{"title":"Kota Semarang"}}');
  });

  it('writes anew a frozen answer holding a Date, which freezing does not stop changing', () => {
    const when = new Date('2022-03-01T00:00:00.000Z');
    const payload = deepFreeze({ when });
    expect(serializeJson(payload)).toBe('{"when":"2022-03-01T00:00:00.000Z"}');
    when.setTime(0);
    expect(serializeJson(payload)).toBe('{"when":"1970-01-01T00:00:00.000Z"}');
  });
});
