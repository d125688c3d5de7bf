namespace LlamaCloud.Chat
{
    /// <summary>
    /// One member of a JSON object that repeats a key (<c>{"a":1,"a":2}</c>). Such an object comes out as an array of
    /// these, in order, so no member is lost; objects with distinct keys come out as PSCustomObjects as usual.
    /// </summary>
    public sealed class JsonMember
    {
        internal JsonMember(string name, object? value)
        {
            Name = name;
            Value = value;
        }

        /// <summary>The key, exactly as sent.</summary>
        public string Name { get; }

        /// <summary>The value, converted like every other JSON value.</summary>
        public object? Value { get; }

        /// <inheritdoc />
        public override string ToString() => Name + "=" + (Value?.ToString() ?? string.Empty);
    }
}
