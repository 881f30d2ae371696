using Stackplan.Core.Parsing;

namespace Stackplan.Core.Tests;

public sealed class SpellingTests
{
    [Theory]
    [InlineData("mod", "moderate")]        // nearer by edit distance to 'low', but it begins 'moderate'
    [InlineData("Mod", "moderate")]
    [InlineData("moderat", "moderate")]
    [InlineData("hihg", "high")]           // a misspelling, not an abbreviation: nearest by edits
    public void A_suggestion_is_the_word_an_abbreviation_begins_else_the_nearest_one(string typed, string meant) =>
        Assert.Equal($"did you mean '{meant}'?", Spelling.Suggest(typed, ["low", "moderate", "high"]));

    [Fact]
    public void An_abbreviation_of_two_words_is_not_taken_for_either()
    {
        // 'me' begins both 'medium' and 'memory': neither is meant on that ground, and nothing is near by edits.
        Assert.Null(Spelling.Suggest("me", ["medium", "memory", "low"]));
        Assert.Null(Spelling.Suggest("xyzzy", ["low", "moderate", "high"]));
    }
}
