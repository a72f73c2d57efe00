-- Program funnels: for each funnel f (1-based), the applications to the
-- programs of kind {kinds}[f] dated in the fiscal year {start}..{end}, and
-- how far they went along the steps {steps}[f] (actions, the first the
-- application itself, 'applied'). One row per funnel, key and step s with
-- the applications that reached step s, those turned down there, and the
-- median days from step s-1 to step s. Rows with an empty key are the
-- totals (with no breakdown, both grouping sets give them, alike).
--
-- An application is an employee × program_id with an event of the first
-- step in the year; its date (applied_on) is the earliest such one, so
-- applying twice to a program in a year is one application. Its events
-- are those of the employee and program from applied_on on, up to the
-- data, except from the first application of the same program after the
-- year (next_on), which starts an application of its own. It reached step
-- s when it has an event of step s or of a later one (a transfer without a
-- recorded selection was selected), on the day of the earliest of them;
-- top is the furthest step reached. It was turned down (rejected) at top
-- when it did not reach the last step and a 'rejected' event comes on or
-- after the day it reached top; steps reached after a rejection (applying
-- again in the year) win over it.
--
-- Each application counts, and is filtered by {attributes:Filter}, under its
-- employee's attributes on applied_on (the span holding it, as in
-- program_event_fact_source); applications of employees missing from the
-- HR master are left out.
SELECT
    toUInt32(f) AS f,
    if(grouping(k1) != 0, [], arraySlice([toString(k1)], 1, {keys:UInt8})) AS key,
    toUInt32(s) AS step,
    countIf(top >= s) AS applications,
    countIf(turned_down AND top = s) AS rejected,
    if(countIf(top >= s AND s > 1) = 0, NULL,
        quantileExactInclusiveIf(0.5)(toFloat64(reached_on[s] - reached_on[s - 1]), top >= s AND s > 1)) AS median_days
FROM
(
    SELECT
        ap.f AS f, ap.top AS top, ap.reached_on AS reached_on, ap.turned_down AS turned_down,
        {key1:Identifier} AS k1
    FROM
    (
        SELECT
            f, employee_id, applied_on,
            arrayMax(x -> x.1, reached) AS top,
            -- days from applied_on to each step reached (the first is 0)
            arrayMap(i -> arrayMin(x -> x.2, arrayFilter(x -> x.1 >= i, reached)), range(1, top + 1)) AS reached_on,
            top < length({steps:Array(Array(String))}[f]) AND rejected_at IS NOT NULL AND rejected_at >= reached_on[top] AS turned_down
        FROM
        (
            SELECT
                a.f AS f, a.employee_id AS employee_id, a.applied_on AS applied_on,
                groupArrayIf((indexOf({steps:Array(Array(String))}[a.f], toString(ev.action)), dateDiff('day', a.applied_on, ev.event_date)),
                    has({steps:Array(Array(String))}[a.f], toString(ev.action))) AS reached,
                maxIfOrNull(dateDiff('day', a.applied_on, ev.event_date), ev.action = 'rejected') AS rejected_at
            FROM program_events AS ev
            INNER JOIN
            (
                SELECT
                    c.f AS f, pe.employee_id AS employee_id, pe.program_id AS program_id,
                    minIf(pe.event_date, pe.event_date <= {end:Date32}) AS applied_on,
                    minIfOrNull(pe.event_date, pe.event_date > {end:Date32}) AS next_on
                FROM program_events AS pe
                INNER JOIN
                (
                    SELECT program_id, indexOf({kinds:Array(String)}, kind) AS f
                    FROM program_catalog
                    WHERE has({kinds:Array(String)}, kind)
                ) AS c ON c.program_id = pe.program_id
                WHERE pe.event_date >= {start:Date32} AND toString(pe.action) = {steps:Array(Array(String))}[c.f][1]
                GROUP BY f, employee_id, program_id
                HAVING countIf(pe.event_date <= {end:Date32}) > 0
            ) AS a ON a.employee_id = ev.employee_id AND a.program_id = ev.program_id
            WHERE ev.event_date >= {start:Date32}
              AND ev.program_id IN (SELECT program_id FROM program_catalog WHERE has({kinds:Array(String)}, kind))
              AND ev.event_date >= a.applied_on AND (a.next_on IS NULL OR ev.event_date < a.next_on)
            GROUP BY f, employee_id, program_id, applied_on
        )
    ) AS ap
    -- spans tile each employee's calendar: the one starting last on or
    -- before the date holds it
    ASOF INNER JOIN employee_spans AS e ON e.employee_id = ap.employee_id AND e.span_from <= ap.applied_on
    WHERE {attributes:Filter}
)
ARRAY JOIN range(1, length({steps:Array(Array(String))}[f]) + 1) AS s
GROUP BY GROUPING SETS ((f, k1, s), (f, s))
ORDER BY f, key, s
