using System.Collections.Generic;

namespace LlamaCloud.Chat.Redaction
{
    /// <summary>
    /// Counts per rule of what was replaced in one output, and of distinct values by their pseudonyms' numbers (the
    /// values themselves are never kept). Tallies merge: a file's is the sum of its sessions', distinct values
    /// counted once.
    /// </summary>
    internal sealed class RedactionTally
    {
        private readonly IReadOnlyList<RedactionRule> _rules;
        private readonly int[] _counts;
        private readonly HashSet<long>[] _distinct;

        internal RedactionTally(IReadOnlyList<RedactionRule> rules)
        {
            _rules = rules;
            _counts = new int[rules.Count];
            _distinct = new HashSet<long>[rules.Count];
            for (var i = 0; i < rules.Count; i++) _distinct[i] = new HashSet<long>();
        }

        internal int Total
        {
            get
            {
                var total = 0;
                foreach (var c in _counts) total += c;
                return total;
            }
        }

        internal void Add(int rule, long id)
        {
            lock (_counts)
            {
                _counts[rule]++;
                _distinct[rule].Add(id);
            }
        }

        internal void Merge(RedactionTally other)
        {
            if (ReferenceEquals(other, this)) return;
            lock (_counts)
            {
                for (var i = 0; i < _counts.Length && i < other._counts.Length; i++)
                {
                    _counts[i] += other._counts[i];
                    _distinct[i].UnionWith(other._distinct[i]);
                }
            }
        }

        /// <summary>One row per rule, in the rules' order (rules that replaced nothing included, with 0).</summary>
        internal ChatRedactionSummary[] Summary()
        {
            lock (_counts)
            {
                var rows = new ChatRedactionSummary[_rules.Count];
                for (var i = 0; i < rows.Length; i++)
                    rows[i] = new ChatRedactionSummary(_rules[i].Name, _rules[i].Label, _rules[i].IsCustom, _counts[i], _distinct[i].Count);
                return rows;
            }
        }
    }
}
