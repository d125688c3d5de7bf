using System;
using System.Collections.Generic;
using System.Management.Automation;

namespace LlamaCloud.Chat.Serialization
{
    /// <summary>
    /// Which events a caller wants. The JSON reader applies it before building objects, so events that do not
    /// match cost only their tokenisation.
    /// </summary>
    internal sealed class EventFilter
    {
        private readonly HashSet<string>? _types;
        private readonly HashSet<string>? _wireNames;
        private readonly List<WildcardPattern>? _wirePatterns;
        private readonly List<string>? _unmatchedPatterns;
        private readonly WildcardPattern[]? _names;
        private readonly bool _nothing;

        /// <summary>Builds no event at all: the session is only validated (exports copy its bytes instead).</summary>
        internal static readonly EventFilter Nothing = new EventFilter();

        private EventFilter()
        {
            _nothing = true;
        }

        internal EventFilter(IEnumerable<string>? types, IEnumerable<string>? names)
        {
            if (types != null)
            {
                _types = new HashSet<string>(StringComparer.Ordinal);
                var wire = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                foreach (var t in types)
                {
                    if (string.IsNullOrWhiteSpace(t)) continue;
                    var trimmed = t.Trim();
                    if (WildcardPattern.ContainsWildcardCharacters(trimmed))
                    {
                        // A pattern matches the names -Type takes (tool* is tool_call and tool_result; * includes
                        // "unknown", so every event), and the wire types of unknown events.
                        var pattern = WildcardPattern.Get(trimmed, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant);
                        var any = false;
                        foreach (var known in ChatEventType.Names)
                        {
                            if (!pattern.IsMatch(known)) continue;
                            _types.Add(known);
                            any = true;
                        }
                        (_wirePatterns ??= new List<WildcardPattern>()).Add(pattern);
                        if (!any) (_unmatchedPatterns ??= new List<string>()).Add(trimmed);
                        continue;
                    }
                    var n = ChatEventType.Normalize(trimmed);
                    // A name the module does not know is still a wire name: it selects UnknownEvents of that type.
                    if (n != null) _types.Add(n);
                    else wire.Add(trimmed);
                }
                if (wire.Count > 0) _wireNames = wire;
                if (_types.Count == 0 && _wireNames == null && _wirePatterns == null) _types = null;
            }
            if (names != null)
            {
                var list = new List<WildcardPattern>();
                foreach (var n in names)
                {
                    if (n != null) list.Add(WildcardPattern.Get(n, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant));
                }
                _names = list.Count == 0 ? null : list.ToArray();
            }
        }

        /// <summary>
        /// A text search's test on the raw bytes (Search-LlamaChat): an event that cannot match is never built. The type
        /// and name filter still apply to the candidates; the search itself decides on the built ones.
        /// </summary>
        internal Serialization.BytePattern? Search { get; private set; }

        /// <summary>With <see cref="Search"/>: events of context to build on each side of a candidate.</summary>
        internal int Around { get; private set; }

        /// <summary>True when the reader must decide per event on its bytes (a search), not only by type.</summary>
        internal bool Searches { get; private set; }

        /// <summary>This filter with a text search: <paramref name="pattern"/> (null: every event of the types may match).</summary>
        internal EventFilter WithSearch(Serialization.BytePattern? pattern, int around)
        {
            Search = pattern;
            Around = around;
            Searches = true;
            return this;
        }

        /// <summary>True for <see cref="Nothing"/>: no event is wanted, the reader only validates.</summary>
        internal bool BuildsNothing => _nothing;

        /// <summary>True when the filter lets everything through.</summary>
        internal bool IsEmpty => _types == null && _wireNames == null && _wirePatterns == null && _names == null && !_nothing && !Searches;

        /// <summary>The -Type names that are no type this module knows (matched against UnknownEvent.Type), or null.</summary>
        internal IReadOnlyCollection<string>? UnknownTypeNames => _wireNames;

        /// <summary>The -Type wildcard patterns that match no type this module knows (they can only match unknown events), or null.</summary>
        internal IReadOnlyCollection<string>? UnmatchedPatterns => _unmatchedPatterns;

        /// <summary>True when unknown events may pass by their wire type (a name or pattern the module does not know).</summary>
        private bool SelectsUnknownWireTypes => _wireNames != null || _wirePatterns != null;

        /// <summary>True when the caller asked for tool names, so the reader must look at <c>name</c>.</summary>
        internal bool FiltersByName => _names != null;

        /// <summary>Does an event of this resolved wire type pass? (<c>unknown</c> stands for UnknownEvent.)</summary>
        internal bool MatchesType(string wireType) => !_nothing && ((_types == null && !SelectsUnknownWireTypes) || (_types != null && _types.Contains(wireType)));

        /// <summary>
        /// Does an event pass the type filter? <paramref name="knownType"/> is the resolved type (null for an unknown
        /// event), <paramref name="unknownType"/> the wire type an unknown event carries.
        /// </summary>
        internal bool MatchesEvent(string? knownType, string? unknownType)
        {
            if (_nothing) return false;
            if (knownType != null) return MatchesType(knownType);
            if (MatchesType(ChatEventType.Unknown)) return true;
            if (unknownType == null) return false;
            if (_wireNames != null && _wireNames.Contains(unknownType)) return true;
            if (_wirePatterns != null)
            {
                foreach (var p in _wirePatterns)
                {
                    if (p.IsMatch(unknownType)) return true;
                }
            }
            return false;
        }

        /// <summary>Does a tool event with this name pass? Events that are not tool events never pass a name filter.</summary>
        internal bool MatchesName(string? name)
        {
            if (_names == null) return true;
            if (name == null) return false;
            foreach (var p in _names)
            {
                if (p.IsMatch(name)) return true;
            }
            return false;
        }

        /// <summary>
        /// Which scanned type codes (<see cref="EventTypeCode"/>, as an index) may pass <paramref name="filter"/> (null:
        /// all). Decided once per read, so the loop over the events is one table lookup each; an unresolved event always
        /// may, as only building it tells its type.
        /// </summary>
        internal static bool[] CodesThatMayPass(EventFilter? filter)
        {
            var mayPass = new bool[(int)EventTypeCode.Unknown + 1];
            // An export only validates: no event is built, whatever its type (an unresolved one included).
            if (filter != null && filter.BuildsNothing) return mayPass;
            mayPass[(int)EventTypeCode.Unresolved] = true;
            for (var c = EventTypeCode.UserInput; c <= EventTypeCode.Unknown; c++)
            {
                mayPass[(int)c] = filter == null || filter.IsEmpty || (filter.MatchesType(EventScanner.WireName(c)!)
                    && (!filter.FiltersByName || c == EventTypeCode.ToolCall || c == EventTypeCode.ToolResult));
            }
            // -Type with a wire name this module does not know (e.g. citation) matches unknown events of that type.
            if (filter != null && filter.SelectsUnknownWireTypes && !filter.FiltersByName) mayPass[(int)EventTypeCode.Unknown] = true;
            return mayPass;
        }

        /// <summary>Applies the filter to an event already built (sessions fetched whole).</summary>
        internal bool Matches(ChatEvent e)
        {
            if (!(e is UnknownEvent ? MatchesEvent(null, e.Type) : MatchesType(e.Type!))) return false;
            if (_names == null) return true;
            return e switch
            {
                ToolCallEvent c => MatchesName(c.Name),
                ToolResultEvent r => MatchesName(r.Name),
                _ => false,
            };
        }
    }
}
