import Testing

@testable import GitHistory

@Suite("The walks' heap")
struct HeapTests {
  @Test(arguments: [
    [], [1], [2, 1], [3, 1, 2], [5, 5, 1, 9, 0, 3, 5], [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [4, 4, 4, 4],
  ])
  func givesTheElementsFirstByItsOrder(_ numbers: [Int]) {
    var heap = Heap<Int>(before: <)
    for number in numbers { heap.insert(number) }
    var taken: [Int] = []
    while let next = heap.removeFirst() { taken.append(next) }
    #expect(taken == numbers.sorted())
    #expect(heap.isEmpty)
  }

  @Test func keepsGivingWhileItIsFilled() {
    // As a walk uses it: each element taken may bring new ones.
    var heap = Heap<Int>(before: >)
    heap.insert(10)
    var taken: [Int] = []
    while let next = heap.removeFirst() {
      taken.append(next)
      if next > 0 { heap.insert(next / 2); heap.insert(next - 1) }
    }
    #expect(taken == taken.sorted(by: >))
    #expect(taken.first == 10 && taken.last == 0)
  }
}
