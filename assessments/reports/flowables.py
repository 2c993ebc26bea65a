"""Flowables of our own, where platypus' general ones cost too much for a long report."""

from reportlab.platypus import Flowable


class KeepWhole(Flowable):
    """Flowables that move to the next page together rather than split, when they fit a page.

    Platypus' KeepTogether does the same but wraps every flowable again each time it is
    measured; with 150 question blocks that cost about a fifth of the build. This wraps once
    per width and draws the flowables itself. A block taller than a page still flows.
    """

    def __init__(self, flowables, max_height):
        super().__init__()
        self._flowables = flowables
        self._max_height = max_height
        self._layout = None  # (width, height, [(flowable, height)])

    def wrap(self, available_width, available_height):
        if self._layout is None or self._layout[0] != available_width:
            sizes = [(f, f.wrap(available_width, self._max_height)[1]) for f in self._flowables]
            self._layout = (available_width, self._height(sizes), sizes)
        self.width, self.height = available_width, self._layout[1]
        return self.width, self.height

    def _height(self, sizes):
        gaps = sum(f.getSpaceAfter() for f, _h in sizes[:-1])
        gaps += sum(f.getSpaceBefore() for f, _h in sizes[1:])
        return sum(h for _f, h in sizes) + gaps

    def split(self, available_width, available_height):
        self.wrap(available_width, available_height)
        if self.height <= self._max_height:
            return []  # try again at the top of the next page
        # Taller than a page: let it flow, cutting the first flowable where this page ends.
        first, *rest = self._flowables
        if first.wrap(available_width, available_height)[1] <= available_height:
            return [first, *rest]
        parts = first.split(available_width, available_height)
        return [*parts, *rest] if parts else []

    def getSpaceBefore(self):  # noqa: N802 (reportlab's name)
        return self._flowables[0].getSpaceBefore() if self._flowables else 0

    def getSpaceAfter(self):  # noqa: N802 (reportlab's name)
        return self._flowables[-1].getSpaceAfter() if self._flowables else 0

    def draw(self):
        y = self.height
        for index, (flowable, height) in enumerate(self._layout[2]):
            if index:
                y -= flowable.getSpaceBefore()
            y -= height
            flowable.drawOn(self.canv, 0, y)
            y -= flowable.getSpaceAfter()
