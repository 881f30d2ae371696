using Stackplan.Core.Model;
using Stackplan.Core.Parsing;

namespace Stackplan.Core.Tests.Analysis;

/// <summary>A spec patch changes the values' characters only: comments, layout and style stay as written.</summary>
public sealed class SpecPatchTests
{
    private const string Text = """
        # the team's spec
        nodeGroups:
          - {name: a, instanceType: m5.large, count: 3}   # system
          - name: b
            instanceType: "t3.large"  # quoted
            count: 10
        """;

    private static SourceLocation At(int line, int column) => new("s.yaml", line, column);

    [Fact]
    public void Flow_block_and_quoted_values_change_in_place_and_comments_stay()
    {
        var (patched, notApplied) = SpecPatch.Apply(Text, "s.yaml", [
            new ScalarEdit(At(3, 29), "m5.large", "t3a.medium"),
            new ScalarEdit(At(3, 46), "3", "4"),
            new ScalarEdit(At(5, 19), "t3.large", "t3a.large"),
            new ScalarEdit(At(6, 12), "10", "2")]);

        notApplied.ShouldBeEmpty();
        patched.ShouldBe("""
            # the team's spec
            nodeGroups:
              - {name: a, instanceType: t3a.medium, count: 4}   # system
              - name: b
                instanceType: "t3a.large"  # quoted
                count: 2
            """);
    }

    [Fact]
    public void An_edit_whose_place_does_not_read_its_old_value_is_handed_back_not_guessed()
    {
        var wrongValue = new ScalarEdit(At(3, 29), "m5.xlarge", "t3a.medium");
        var prefixOnly = new ScalarEdit(At(3, 29), "m5", "t3");
        var otherFile = new ScalarEdit(new SourceLocation("other.yaml", 3, 29), "m5.large", "t3a.medium");

        var (patched, notApplied) = SpecPatch.Apply(Text, "s.yaml", [wrongValue, prefixOnly, otherFile]);

        patched.ShouldBe(Text);
        notApplied.ShouldBe([wrongValue, prefixOnly, otherFile]);
    }

    [Fact]
    public void Two_different_edits_of_one_value_write_the_first_and_hand_back_the_second()
    {
        var first = new ScalarEdit(At(3, 46), "3", "4");
        var second = new ScalarEdit(At(3, 46), "3", "5");

        var (patched, notApplied) = SpecPatch.Apply(Text, "s.yaml", [first, second, first]);

        patched.ShouldContain("count: 4}");
        notApplied.ShouldBe([second]);
    }
}
