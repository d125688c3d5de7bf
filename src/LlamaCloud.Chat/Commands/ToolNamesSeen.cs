using System;
using System.Collections.Generic;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace LlamaCloud.Chat.Commands
{
    /// <summary>
    /// The tool names this runspace's commands have written (tool calls and results, turns), newest first, for -Name
    /// completion. Per runspace, like the connection: one tenant's tool names are never offered in another runspace.
    /// Bounded, so a long session at a prompt keeps only the names it used last.
    /// </summary>
    internal static class ToolNamesSeen
    {
        private const int Capacity = 256;
        private static readonly ConditionalWeakTable<Runspace, LinkedList<string>> PerRunspace = new ConditionalWeakTable<Runspace, LinkedList<string>>();

        /// <summary>Records the tool names among <paramref name="events"/> (on the pipeline thread, as they are written).</summary>
        internal static void Record(IEnumerable<ChatEvent> events)
        {
            LinkedList<string>? names = null;
            string? last = null;
            foreach (var e in events)
            {
                var name = e is ToolCallEvent c ? c.Name : e is ToolResultEvent r ? r.Name : null;
                if (name == null || name == last) continue;
                names ??= Names();
                if (names == null) return;
                Add(names, name);
                last = name;
            }
        }

        /// <summary>Records the tool names of one turn's calls.</summary>
        internal static void Record(ChatTurn turn)
        {
            if (turn.ToolCalls.Count == 0 || Names() is not { } names) return;
            foreach (var call in turn.ToolCalls)
            {
                if (call.Name != null) Add(names, call.Name);
            }
        }

        /// <summary>The names seen in this runspace, newest first.</summary>
        internal static IReadOnlyList<string> Snapshot()
        {
            var names = Names();
            if (names == null) return Array.Empty<string>();
            lock (names) return new List<string>(names);
        }

        private static LinkedList<string>? Names()
        {
            var rs = Runspace.DefaultRunspace;
            return rs == null ? null : PerRunspace.GetValue(rs, _ => new LinkedList<string>());
        }

        private static void Add(LinkedList<string> names, string name)
        {
            lock (names)
            {
                if (names.First?.Value == name) return;
                names.Remove(name);
                names.AddFirst(name);
                if (names.Count > Capacity) names.RemoveLast();
            }
        }
    }
}
