namespace LlamaCloud.Chat.Redaction
{
    /// <summary>The Luhn (mod 10) check digit test that every payment card number passes.</summary>
    internal static class Luhn
    {
        internal static bool IsValid(string digits)
        {
            var sum = 0;
            var doubled = false;
            for (var i = digits.Length - 1; i >= 0; i--)
            {
                var d = digits[i] - '0';
                if (d < 0 || d > 9) return false;
                if (doubled)
                {
                    d *= 2;
                    if (d > 9) d -= 9;
                }
                sum += d;
                doubled = !doubled;
            }
            return digits.Length > 0 && sum % 10 == 0;
        }
    }
}
