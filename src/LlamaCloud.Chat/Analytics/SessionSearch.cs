using System;
using System.Collections.Generic;

using LlamaCloud.Chat.Serialization;

namespace LlamaCloud.Chat.Analytics
{
    /// <summary>
    /// The search of one session's events, in history order: each event the reader built (candidates and context, see
    /// MatchWindow) is checked against the type and name filter and the pattern, field by field and line by line; a match
    /// waits for its <see cref="Around"/> events of context after it before it is handed out.
    /// </summary>
    internal sealed class SessionSearch
    {
        private readonly SearchPattern _pattern;
        private readonly EventFilter _filter;
        private readonly string? _path;
        private readonly Queue<ChatEvent> _recent = new Queue<ChatEvent>();
        private readonly List<(ChatSearchMatch Match, List<ChatEvent> After)> _waiting = new List<(ChatSearchMatch, List<ChatEvent>)>();

        internal SessionSearch(SearchPattern pattern, EventFilter filter, int around, string? path)
        {
            _pattern = pattern;
            _filter = filter;
            Around = around;
            _path = path;
        }

        internal int Around { get; }

        /// <summary>Events checked against the pattern (tests: non-candidates were never built).</summary>
        internal long Checked { get; private set; }

        internal void Add(ChatEvent e, List<ChatSearchMatch> ready)
        {
            var index = e.Index ?? 0;
            for (var i = 0; i < _waiting.Count; i++)
            {
                var w = _waiting[i];
                if (index <= (w.Match.Index ?? 0) + Around)
                {
                    w.After.Add(e);
                    continue;
                }
                Release(i--, ready);
            }
            if (_filter.Matches(e))
            {
                Checked++;
                foreach (var m in Find(e))
                {
                    m.Path = _path;
                    if (Around == 0)
                    {
                        ready.Add(m);
                        continue;
                    }
                    var before = new List<ChatEvent>();
                    foreach (var r in _recent) if ((r.Index ?? 0) >= index - Around) before.Add(r);
                    m.Before = before.AsReadOnly();
                    _waiting.Add((m, new List<ChatEvent>()));
                }
            }
            if (Around > 0)
            {
                _recent.Enqueue(e);
                while (_recent.Count > Around) _recent.Dequeue();
            }
        }

        /// <summary>The session ended: matches still waiting for context get what there was.</summary>
        internal void Complete(List<ChatSearchMatch> ready)
        {
            while (_waiting.Count > 0) Release(0, ready);
        }

        private void Release(int i, List<ChatSearchMatch> ready)
        {
            var (m, after) = _waiting[i];
            _waiting.RemoveAt(i);
            m.After = after.AsReadOnly();
            ready.Add(m);
        }

        // One match per matching line of each field (the first match on it), as Select-String reports lines.
        private IEnumerable<ChatSearchMatch> Find(ChatEvent e)
        {
            foreach (var field in EventText.Fields(e))
            {
                var text = field.Value;
                var lastLine = -1;
                for (var m = _pattern.Regex.Match(text); m.Success; m = m.NextMatch())
                {
                    var lineStart = m.Index == 0 ? 0 : text.LastIndexOf('\n', m.Index - 1) + 1;
                    var lineNumber = LineNumber(text, lineStart);
                    if (lineNumber == lastLine) continue;
                    lastLine = lineNumber;
                    var lineEnd = text.IndexOf('\n', lineStart);
                    var line = (lineEnd < 0 ? text.Substring(lineStart) : text.Substring(lineStart, lineEnd - lineStart)).TrimEnd('\r');
                    yield return new ChatSearchMatch(e, field.Key, lineNumber, line, m.Value);
                    if (m.Length == 0 && m.Index >= text.Length) break;
                }
            }
        }

        private static int LineNumber(string text, int lineStart)
        {
            var n = 1;
            for (var i = text.IndexOf('\n'); i >= 0 && i < lineStart; i = text.IndexOf('\n', i + 1)) n++;
            return n;
        }
    }
}
