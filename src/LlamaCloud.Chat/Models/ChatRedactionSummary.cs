namespace LlamaCloud.Chat
{
    /// <summary>
    /// What one redaction rule replaced in one output (a transcript, a trace, a file, a request): how many values and
    /// how many distinct ones. Never the values themselves.
    /// </summary>
    public sealed class ChatRedactionSummary
    {
        internal ChatRedactionSummary(string rule, string label, bool isCustom, int count, int distinctCount)
        {
            Rule = rule;
            Label = label;
            IsCustom = isCustom;
            Count = count;
            DistinctCount = distinctCount;
        }

        /// <summary>The rule: Email, Phone, PaymentCard, Iban, IPv4, IPv6, BearerToken, ApiKey, or a -RedactPattern name.</summary>
        public string Rule { get; }

        /// <summary>The label its pseudonyms carry, as in [EMAIL:3f2a9c0b1d4e].</summary>
        public string Label { get; }

        /// <summary>True for a rule given with -RedactPattern.</summary>
        public bool IsCustom { get; }

        /// <summary>How many values were replaced.</summary>
        public int Count { get; }

        /// <summary>How many different values were replaced (each has its own pseudonym).</summary>
        public int DistinctCount { get; }

        /// <inheritdoc />
        public override string ToString() => Rule + ": " + Count.ToString(System.Globalization.CultureInfo.InvariantCulture)
            + " (" + DistinctCount.ToString(System.Globalization.CultureInfo.InvariantCulture) + " distinct)";
    }
}
