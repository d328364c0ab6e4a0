import type zh from '../zh-CN/modules';

const modules: typeof zh = {
  measureLabel: 'Measure',
  comingSoon: 'This module is being built; its functions will appear on this page.',
  achievements: {
    measure: 'Measure 1 · Separate management of duty achievements',
    description:
      'Keeps the separate ledger of duty achievements for universities, institutes, hospitals and state-owned enterprises: achievements and IP assets, inventors and their shares, and the whole life from disclosure through protection, ownership grants and transfer to income, including the disposal of state equity that transfers create. Every change is a hash-chained ledger event, so anyone can verify that the ledger was not altered.',
  },
  rights: {
    measure: 'Measure 2 · Granting ownership, with agreed proceeds',
    description:
      'Handles applications to grant researchers ownership or long-term use of duty achievements: application, publicity, approval, the grant agreement and the change of title. Under "grant + agreed proceeds" it claws back the agreed share on an IPO or equity sale, and it tracks the rectification of past spin-offs.',
  },
  distribution: {
    measure: 'Measure 2 · Rewards under art. 45 of the Technology Transfer Law',
    description:
      'Computes net transfer income under the institution’s distribution policy (versioned, with the legal floors), sets the rewards and remuneration for inventors and transfer staff, splits them per person so that the parts add up exactly to the total, flags payroll treatment, and produces reward lists to export and publish.',
  },
  projects: {
    measure: 'Measure 3 · Surplus of contract-research funds',
    description:
      'Manages contract-research projects and their surplus funds: the surplus can count as technology-transfer income, can be contributed as "cash + technology" equity, and is allocated between shares and cash, with every step recorded.',
  },
  contracts: {
    measure: 'Measure 4 · Use first, pay later',
    description:
      'Manages transfer, licence, equity-contribution and use-first-pay-later contracts: payment plans, obligations and reminders, licensees’ sales and royalty reports, payments in cash, equity, options or other forms, reconciliation, and guarantees and insurance. Due dates that fall on a non-working day roll to the next working day.',
  },
  talent: {
    measure: 'Measure 5 · Talent posts and tech VPs',
    description:
      'Sets up technology-transfer posts, records researchers’ transfer performance for their evaluation, and manages the placement of "tech vice presidents" in enterprises: posts, candidates and their work.',
  },
  brokers: {
    measure: 'Measure 6 · Technology managers and brokers',
    description:
      'Registers technology brokers and managers with their levels, records their matching and evaluation work, scores it with the points rules, and publishes the annual ranking linked to talent green-card tiers and innovation vouchers.',
  },
  soe: {
    measure: 'Measure 7 · Accelerating state-owned enterprises',
    description: 'Manages SOE incentive plans for technology transfer, the add-back of R&D spending as profit, and the links between SOEs and universities and institutes.',
  },
  holdings: {
    measure: 'Measure 8 · Technology-transfer holding platform',
    description:
      'Registers the equity that institutions hold from technology transfer, manages the holding platform’s purchase offers and the invest-then-equity, direct-equity and enabling-fund routes, and tracks changes in holdings.',
  },
  procurement: {
    measure: 'Measure 9 · Pooled R&D procurement',
    description:
      'Distils common technical problems from clustered enterprise demands, arranges incubation and pre-purchase agreements, and keeps the order book and crowdfunding pledges so that several firms fund one solution together.',
  },
  market: {
    measure: 'Measure 10 · Marine Science and Technology Market',
    description:
      'Listings of achievements, enterprises’ technical demands, search and matching that explains every match, valuation, and trading by agreement, listing or bidding, including international listings.',
  },
  oversight: {
    measure: 'All ten measures · Oversight',
    description: 'Dashboards for the science bureau: key indicators per measure, rankings, and the annual technology-transfer report for export.',
  },
};

export default modules;
