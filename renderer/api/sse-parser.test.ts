import { describe, expect, it } from 'vitest';
import { SseParser } from './sse-parser';

describe('SseParser', () => {
  it('reads named events split across chunks at any point', () => {
    const stream = ': connected\n\nevent: data:changed\ndata: {"tables":["observations"]}\n\nevent: app:status\ndata: {"openStationId":null}\n\n';
    for (let cut = 0; cut < stream.length; cut++) {
      const parser = new SseParser();
      const events = [...parser.push(stream.slice(0, cut)), ...parser.push(stream.slice(cut))];
      expect(events).toEqual([
        { event: 'data:changed', data: '{"tables":["observations"]}' },
        { event: 'app:status', data: '{"openStationId":null}' },
      ]);
    }
  });

  it('ignores comments and keep-alives, joins multi-line data, and accepts CRLF', () => {
    const parser = new SseParser();
    expect(parser.push(': keep-alive\r\n\r\ndata: a\r\ndata: b\r\n\r\n')).toEqual([{ event: 'message', data: 'a\nb' }]);
  });
});
