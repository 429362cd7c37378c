import Mustache

/// How much a template may write, so that a template that nests a list inside itself (or repeats a
/// long value thousands of times) stops with an error instead of filling memory. Mustache has no
/// loops, but nested sections multiply: `{{#entries}}` five deep over 60 entries is 777 million
/// passes. The budget is charged for every value written and for every pass through a section
/// (the longest section's text, an upper bound of what one pass writes besides its values).
package final class RenderBudget {
  /// What one pass through any section may write besides its values.
  package let sectionCost: Int
  /// Characters of text and list items in the model, counted while it is built.
  package private(set) var modelSize = 0
  private var remaining = Int.max
  package private(set) var exceeded = false

  package init(sectionCost: Int) {
    self.sectionCost = max(1, sectionCost)
  }

  /// What a render may write: generous for any template that shows each value a few times.
  package var limit: Int { 64 << 20 + 8 * modelSize }

  package func measure(_ size: Int) { modelSize += size }

  /// Called once the model is built, before rendering.
  package func start() { remaining = limit }

  /// Takes `cost` from the budget; false (and stays false) once it is spent.
  package func charge(_ cost: Int) -> Bool {
    guard !exceeded else { return false }
    remaining -= cost
    if remaining < 0 { exceeded = true }
    return !exceeded
  }

  /// The longest text between a section's opening and closing tags; the whole text when the
  /// template changes its delimiters, as the tags can no longer be found by `{{`.
  package static func longestSection(in text: String) -> Int {
    if text.contains("{{=") { return text.utf8.count }
    let bytes = Array(text.utf8)
    var open: [Int] = []
    var longest = 0
    var index = 0
    while index + 2 < bytes.count {
      guard bytes[index] == UInt8(ascii: "{"), bytes[index + 1] == UInt8(ascii: "{") else {
        index += 1
        continue
      }
      let kind = bytes[index + 2]
      var end = index + 2
      while end + 1 < bytes.count,
        !(bytes[end] == UInt8(ascii: "}") && bytes[end + 1] == UInt8(ascii: "}"))
      {
        end += 1
      }
      if kind == UInt8(ascii: "#") || kind == UInt8(ascii: "^") || kind == UInt8(ascii: "$") {
        open.append(end + 2)
      } else if kind == UInt8(ascii: "/"), let start = open.popLast() {
        longest = max(longest, index - start)
      }
      index = end + 2
    }
    return longest
  }
}

/// A text value of the model: written through the budget.
package final class BudgetedText: MustacheCustomRenderable, MustacheTransformable, MustacheParent,
  CustomStringConvertible
{
  package let text: String
  package let budget: RenderBudget

  package init(_ text: String, budget: RenderBudget) {
    self.text = text
    self.budget = budget
  }

  package var renderText: String { budget.charge(text.utf8.count) ? text : "" }
  package var isNull: Bool { false }
  package var description: String { renderText }

  /// A text has no named parts: names inside `{{#scope}}...{{/scope}}` come from outer scopes.
  package func child(named name: String) -> Any? { nil }

  package func transform(_ name: String) -> Any? {
    switch text.transform(name) {
    case let transformed as any StringProtocol:
      BudgetedText(String(transformed), budget: budget)
    case let other:
      other
    }
  }
}

/// A list of the model: every pass of a section over it is charged.
package struct BudgetedList: MustacheSequence, MustacheTransformable, MustacheParent {
  package let items: [Any]
  package let budget: RenderBudget

  package struct Iterator: IteratorProtocol {
    package var base: IndexingIterator<[Any]>
    package let budget: RenderBudget

    package mutating func next() -> Any? {
      guard let item = base.next(), budget.charge(budget.sectionCost) else { return nil }
      return item
    }
  }

  package func makeIterator() -> Iterator { Iterator(base: items.makeIterator(), budget: budget) }

  package func child(named name: String) -> Any? { nil }

  package func transform(_ name: String) -> Any? {
    switch name {
    case "first": items.first
    case "last": items.last
    case "reversed": BudgetedList(items: items.reversed(), budget: budget)
    case "count": items.count
    case "empty": items.isEmpty
    default: nil
    }
  }
}
