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
            var unknown = filter.UnknownTypeNames;
            var patterns = filter.UnmatchedPatterns;
            if (unknown == null && patterns == null) return null;
            var guesses = unknown == null ? new List<(string, IReadOnlyList<string>)>()
                : unknown.Select(u => (Name: u, Guesses: Suggest(u))).Where(g => g.Guesses.Count > 0).ToList();
            return Messages.UnknownTypes(unknown, guesses, patterns, ChatEventType.Names);
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
