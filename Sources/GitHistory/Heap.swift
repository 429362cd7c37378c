/// A binary heap, the first element by `before` on top: the one heap of the commit walks
/// (`CommitGraph`'s topological order, `AncestorWalk`'s newest-first order).
struct Heap<Element> {
  private let before: (Element, Element) -> Bool
  private var items: [Element] = []

  init(before: @escaping (Element, Element) -> Bool) { self.before = before }

  var isEmpty: Bool { items.isEmpty }

  mutating func insert(_ item: Element) {
    items.append(item)
    var child = items.count - 1
    while child > 0 {
      let parent = (child - 1) / 2
      guard before(items[child], items[parent]) else { return }
      items.swapAt(child, parent)
      child = parent
    }
  }

  /// The first element, taken off the heap; nil when the heap is empty.
  mutating func removeFirst() -> Element? {
    guard let top = items.first else { return nil }
    let last = items.removeLast()
    guard !items.isEmpty else { return top }
    items[0] = last
    var parent = 0
    while true {
      let left = 2 * parent + 1
      guard left < items.count else { break }
      var best = left
      if left + 1 < items.count, before(items[left + 1], items[left]) { best = left + 1 }
      guard before(items[best], items[parent]) else { break }
      items.swapAt(best, parent)
      parent = best
    }
    return top
  }
}
