namespace LlamaCloud.Chat.Redaction
{
    /// <summary>One value a rule found: where it is in the text, and the form its pseudonym is computed from.</summary>
    internal readonly struct RedactionMatch
    {
        internal RedactionMatch(int start, int length, string normalized)
        {
            Start = start;
            Length = length;
            Normalized = normalized;
        }

        internal int Start { get; }
        internal int Length { get; }
        internal int End => Start + Length;

        /// <summary>The value as it is compared: one spelling per value (an e-mail address in lower case, a card
        /// number's digits), so that every way of writing it gets the same pseudonym.</summary>
        internal string Normalized { get; }
    }
}
