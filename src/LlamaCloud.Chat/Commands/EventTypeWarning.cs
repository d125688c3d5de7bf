using System;
using System.Collections.Generic;
using System.Linq;
using LlamaCloud.Chat.Serialization;

namespace LlamaCloud.Chat.Commands
{
    /// <summary>
    /// The one warning for -Type names this module does not know. A typo must be noticed (so it names the known types
    /// it probably meant), and a type added to the API later must still work (so the name still selects unknown events).
    /// </summary>
    internal static class EventTypeWarning
    {
        /// <summary>The warning for <paramref name="filter"/>'s -Type, or null when every name is a known type.</summary>
        internal static string? For(EventFilter filter)
        {
            var parts = new List<string>();
            var unknown = filter.UnknownTypeNames;
            var patterns = filter.UnmatchedPatterns;
            if (unknown == null && patterns == null) return null;
            if (unknown != null)
            {
                parts.Add($"-Type {string.Join(", ", unknown)}: not {(unknown.Count == 1 ? "a type" : "types")} this module knows; matching UnknownEvents of that wire type.");
                var guesses = unknown.Select(u => (Name: u, Guesses: Suggest(u))).Where(g => g.Guesses.Count > 0).ToList();
                if (guesses.Count == 1 && unknown.Count == 1) parts.Add($"Did you mean {Or(guesses[0].Guesses)}?");
                else if (guesses.Count > 0) parts.Add("Did you mean " + string.Join("; ", guesses.Select(g => $"{Or(g.Guesses)} (for {g.Name})")) + "?");
            }
            if (patterns != null)
                parts.Add($"-Type {string.Join(", ", patterns)}: {(patterns.Count == 1 ? "matches" : "match")} no type this module knows; matching UnknownEvents whose wire type {(patterns.Count == 1 ? "it matches" : "they match")}.");
            parts.Add($"Known types: {string.Join(", ", ChatEventType.Names)}.");
            return string.Join(" ", parts);
        }

        /// <summary>The known types <paramref name="name"/> probably meant: the same letters without separators, a
        /// name it is part of (or that is part of it), or a name one or two edits away.</summary>
        internal static IReadOnlyList<string> Suggest(string name)
        {
            var plain = Plain(name);
            var found = new List<string>();
            if (plain.Length == 0) return found;
            // The same letters without separators (textdelta, Tool-Call) is the one meant; otherwise every near name.
            foreach (var known in ChatEventType.Names)
            {
                if (known != ChatEventType.Unknown && Plain(known) == plain) return new[] { known };
            }
            foreach (var known in ChatEventType.Names)
            {
                if (known == ChatEventType.Unknown) continue;
                var k = Plain(known);
                if ((plain.Length >= 3 && (k.Contains(plain) || plain.Contains(k))) || Distance(k, plain) <= (plain.Length < 6 ? 1 : 2))
                    found.Add(known);
            }
            return found;
        }

        private static string Or(IReadOnlyList<string> names) =>
            names.Count == 1 ? names[0] : string.Join(", ", names.Take(names.Count - 1)) + " or " + names[names.Count - 1];

        private static string Plain(string s) => new string(s.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

        private static int Distance(string a, string b)
        {
            var d = new int[b.Length + 1];
            for (var j = 0; j <= b.Length; j++) d[j] = j;
            for (var i = 1; i <= a.Length; i++)
            {
                var previous = d[0];
                d[0] = i;
                for (var j = 1; j <= b.Length; j++)
                {
                    var current = d[j];
                    d[j] = Math.Min(Math.Min(d[j] + 1, d[j - 1] + 1), previous + (a[i - 1] == b[j - 1] ? 0 : 1));
                    previous = current;
                }
            }
            return d[b.Length];
        }
    }
}
