using System;
using System.Collections.Generic;

namespace LlamaCloud.Chat.Serialization
{
    /// <summary>
    /// Decides, for each scanned event of a search, whether it is built: a candidate (its type may pass the filter and its
    /// bytes may match, <see cref="BytePattern"/>) is; so are the <see cref="Around"/> events before and after a candidate,
    /// as its context (the ones before are kept as bytes until it is known whether a candidate follows). Every other event
    /// is never built. What is built is a superset of the matches and their context; the search decides which match.
    /// </summary>
    internal sealed class MatchWindow
    {
        internal enum Decision
        {
            /// <summary>Not built.</summary>
            Skip,
            /// <summary>Built through the filter: it may be a match.</summary>
            Candidate,
            /// <summary>Built whatever its type: context after a candidate.</summary>
            Context,
        }

        private readonly BytePattern? _pattern;
        private readonly Queue<KeyValuePair<int, byte[]>> _before = new Queue<KeyValuePair<int, byte[]>>();
        private int _afterLeft;

        internal MatchWindow(BytePattern? pattern, int around)
        {
            _pattern = pattern;
            Around = around < 0 ? 0 : around;
        }

        /// <summary>Events of context on each side of a candidate.</summary>
        internal int Around { get; }

        /// <summary>How many events were candidates (tests: the pattern is applied to the bytes).</summary>
        internal int Candidates { get; private set; }

        /// <summary>The decision for the event <paramref name="index"/>, whose type <paramref name="typeMayPass"/> the filter.</summary>
        internal Decision Next(int index, ReadOnlySpan<byte> json, bool typeMayPass)
        {
            if (typeMayPass && (_pattern == null || _pattern.MayMatch(json)))
            {
                Candidates++;
                _afterLeft = Around;
                return Decision.Candidate;
            }
            if (_afterLeft > 0)
            {
                _afterLeft--;
                return Decision.Context;
            }
            if (Around > 0)
            {
                _before.Enqueue(new KeyValuePair<int, byte[]>(index, json.ToArray()));
                while (_before.Count > Around) _before.Dequeue();
            }
            return Decision.Skip;
        }

        /// <summary>After a <see cref="Decision.Candidate"/>: the kept events just before it (index, bytes), oldest first; emptied.</summary>
        internal List<KeyValuePair<int, byte[]>>? TakeBefore(int candidate)
        {
            if (_before.Count == 0) return null;
            var list = new List<KeyValuePair<int, byte[]>>(_before.Count);
            foreach (var e in _before) if (e.Key >= candidate - Around) list.Add(e);
            _before.Clear();
            return list;
        }
    }
}
