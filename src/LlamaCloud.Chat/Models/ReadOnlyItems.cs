using System.Collections.Generic;
using System.Collections.ObjectModel;

namespace LlamaCloud.Chat
{
    /// <summary>
    /// A read-only list whose text form is readable: Export-Csv, string expansion and Format-* cells show
    /// "idx-a, idx-b" or "22 events" rather than a generic type name.
    /// </summary>
    internal sealed class ReadOnlyItems<T> : ReadOnlyCollection<T>
    {
        private readonly string? _noun;

        internal ReadOnlyItems(IList<T> items, string? noun = null) : base(items)
        {
            _noun = noun;
        }

        public override string ToString() =>
            _noun != null ? $"{Count} {_noun}{(Count == 1 ? string.Empty : "s")}" : string.Join(", ", this);
    }
}
