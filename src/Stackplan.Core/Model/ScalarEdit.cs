namespace Stackplan.Core.Model;

/// <summary>
/// One change to a spec's own text: the scalar written at <paramref name="At"/> (its first
/// character, a quote included) reads <paramref name="Old"/> and becomes <paramref name="New"/>.
/// </summary>
public sealed record ScalarEdit(SourceLocation At, string Old, string New);
